// Event and story clustering (a corpus stage): groups the documents that
// report one real-world happening (event cluster) and the thread it belongs
// to (story), across languages, as they arrive.
//
// Each arriving document, in commit order, using only what came before it:
//  1. near-copy: a document of the same language whose MinHash signature
//     (Document::fingerprint) agrees on at least `copy_jaccard` of its values
//     is a wire copy or rewrite; the new one is marked copy_of the original
//     and joins the original's event cluster;
//  2. candidates: event clusters sharing a rare key with it (an entity id,
//     or one of its heaviest stems) through an inverted index over the
//     window — never a scan of every cluster, so the cost per document does
//     not grow with the store;
//  3. score against each candidate: cosine of the IDF-weighted entity vectors
//     (language-independent: linked entity ids), and for clusters that have
//     members of the document's language, cosine of TF-IDF stem vectors;
//     plus or minus the date evidence (the document's event date against the
//     cluster's; a publication date before the cluster's date is a preview
//     of another happening) and shared event types. The best at or above
//     `event_threshold` takes the document; else it starts a new event
//     cluster, which joins the best story scoring `story_threshold` (same
//     signals, a date window of a week around the story's dates) or starts
//     a new story;
//  4. late evidence: a second candidate that scores `merge_threshold` and has
//     a compatible date is merged into the chosen one (recorded);
//  5. dates: an event cluster's date is the one its dated members give most
//     (text dates count three, publication dates one); members without a date
//     written in their own text take it.
//
// State is the last `window` documents' features (IDF, centroids, index),
// restored from the store (restore()); every weight is an integer, so adding
// and removing documents is exact and the result does not depend on
// --threads, the batch size, or where a run was split.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/cluster.h"
#include "core/document.h"

namespace ng {

struct ClusterOptions {
  int64_t window = 20000;         // documents kept for IDF, centroids and candidates
  double event_threshold = 0.25;  // score to join an event cluster
  double story_threshold = 0.15;  // score to join a story
  double merge_threshold = 0.55;  // a second event cluster this close is merged
  double copy_jaccard = 0.6;      // MinHash agreement for a near-copy
  size_t candidates = 48;         // event clusters scored per document, at most
};

class Clusterer {
 public:
  explicit Clusterer(const ClusterOptions& options = {});
  ~Clusterer();

  // Forgets everything, then continues from what the store holds.
  void restore(const ClusterSnapshot& snapshot);

  // Clusters the documents in order (they must be linked and have their
  // event frames): sets Document::event_cluster, story and copy_of, and the
  // event date of documents whose own text gives none; returns what the
  // store must record in the batch's transaction.
  ClusterDelta assign(std::vector<Document>& docs);

  // For benchmarks: documents in the window and approximate bytes held.
  size_t window_size() const;
  size_t memory_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
