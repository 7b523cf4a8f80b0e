// The entity registry's data as the store keeps it (src/link fills it,
// src/store persists it): what one committed batch adds to the registry.
//
// An entity is one real person, organisation or place across documents,
// languages and scripts. Its canonical name is derived by the store from its
// aliases (the most used Latin-script form, full names before short ones).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ng {

// Why a document's mentions were linked to an entity ("--why").
struct EntityLink {
  std::string doc;       // document id
  int64_t entity = 0;
  std::string type;      // type of the entity in this document (PER, ORG, LOC)
  std::string rule;      // "new", "place", "known organisation", "name key", "inflected form", "token set",
                         // "short form", "title and context"
  std::string evidence;  // human-readable: which form matched which alias, which context decided
  int mentions = 0;      // mentions of the entity in this document
};

// A written form of an entity, counted once per document it appears in.
struct EntityAlias {
  int64_t entity = 0;
  std::string doc;      // the document it was seen in
  std::string surface;  // as written (NFC)
  std::string lang;     // language of the document
  bool latin = false;   // written in Latin script
  int tokens = 0;       // words in the form
};

struct NewEntity {
  int64_t id = 0;
  std::string type;
  std::string place;  // gazetteer id for places found in the gazetteer
  std::string name;   // the gazetteer's English name of a place; else empty (derived from aliases)
};

// Everything one batch adds; applied in the batch's transaction, so the
// registry and the documents never disagree.
struct RegistryDelta {
  std::vector<NewEntity> created;
  std::vector<std::pair<std::string, int64_t>> keys;   // (match key, entity): new index entries
  std::vector<EntityAlias> aliases;                    // one per (entity, surface, lang, document)
  std::vector<EntityLink> links;                       // one per (document, entity)
  std::vector<std::pair<int64_t, std::string>> types;  // (entity, type) when its majority type changed
  bool empty() const { return created.empty() && keys.empty() && aliases.empty() && links.empty(); }
};

// What the linker needs back from the store to continue where it stopped.
struct RegistrySnapshot {
  std::vector<NewEntity> entities;                     // with their current type
  std::vector<std::pair<std::string, int64_t>> keys;
  // (entity, type, document ordinal) in arrival order: type counts and the
  // documents each entity occurs in (for co-mention context).
  struct Occurrence {
    int64_t entity;
    std::string type;
    int64_t doc;  // arrival sequence of the document
  };
  std::vector<Occurrence> occurrences;
  // (entity, "role|country") for every titled mention linked so far: what a
  // name in another script can be matched by ("美国总统拜登": president|USA).
  std::vector<std::pair<int64_t, std::string>> roles;
  std::vector<int64_t> latin;  // entities with a name written in Latin script
};

}  // namespace ng
