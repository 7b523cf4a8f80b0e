// Event and story clustering's data as the store keeps it (src/cluster fills
// it, src/store persists it): what one committed batch changes, and what the
// clusterer needs back to continue where it stopped.
//
// Two levels (../shared/corpora/README.md): an event cluster is one
// real-world happening on one date; a story is the thread it belongs to.
// Both are rows of one table, with ids from one sequence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ng {

// Where one new document went, and why.
struct ClusterAssignment {
  std::string doc;        // document id
  int64_t arrival = 0;    // the clusterer's arrival number (1, 2, ...)
  int64_t event = 0;      // event cluster
  int64_t story = 0;      // story
  std::string copy_of;    // the document it is a near-copy of, else empty
  double event_score = 0; // the score that decided the event cluster (1 for a copy; 0 for a new cluster)
  double story_score = 0;
  std::string event_why;  // human-readable: the signals and their values
  std::string story_why;
  std::string features;   // the clusterer's own record of the document (opaque), kept while in its window
  bool own_date = false;  // the document's text gives its event date; else it follows its event cluster's
};

// A cluster created or changed by the batch.
struct ClusterUpdate {
  int64_t id = 0;
  std::string level;              // "event" or "story"
  int64_t story = 0;              // event clusters: their story
  std::string date;               // event clusters: the date most dated members give ("" none)
  std::string code;               // event clusters: the event type most members' frames give (CAMEO; "" none)
  std::vector<int64_t> entities;  // main entities, most weight first (label: people and organisations, then a place)
};

// Late evidence changed earlier decisions:
//  - level "event": event cluster `from` was merged into `into`; its
//    documents' story becomes `into`'s (`story_from` -> `story_into` when
//    they differ);
//  - level "story": story `from` (left empty by such a merge) lives on in `into`;
//  - level "move": event cluster `from`'s date put it far from the other
//    events of its story `story_from`: it and its documents moved to
//    `story_into` (`into` is `story_into`).
struct ClusterMerge {
  int64_t from = 0, into = 0;
  std::string level;
  int64_t story_from = 0, story_into = 0;
  std::string doc;   // the document whose arrival showed it
  std::string why;
};

struct ClusterDelta {
  std::vector<ClusterAssignment> members;  // in arrival order
  std::vector<ClusterUpdate> clusters;     // each changed cluster once, final state of the batch
  std::vector<ClusterMerge> merges;
  int64_t forget_before = 0;  // arrivals before this left the clusterer's window: their features can go
  bool empty() const { return members.empty() && clusters.empty() && merges.empty(); }
};

// What the clusterer needs from the store: the documents of its window.
struct ClusterSnapshot {
  int64_t next_cluster = 1;  // next free cluster id
  struct Member {
    int64_t arrival = 0;
    std::string doc;
    int64_t event = 0, story = 0;
    std::string copy_of;
    std::string features;
  };
  std::vector<Member> window;  // arrival order
};

}  // namespace ng
