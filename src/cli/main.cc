// newsgraph: multilingual news to events and stories. See README.md.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"

namespace {

const char* kUsage = R"(usage: newsgraph <command> [options]

commands:
  ingest PATH...     read files, directories (recursively) and - (stdin) into the store
  docs               list stored documents (id, lang, date, title, source)
  show ID            one document: text, sentences, paragraph languages, removed furniture
  export docs        all documents as JSON Lines
  stats              counts by language and format
  entities           the registry's most reported people, organisations and places
  entity ID|NAME     one entity: aliases by language, roles, documents, co-mentions (--why: link evidence)
  relink             run mentions, topics, time, linking and events again over the store
  events             event frames: who did what to whom, where and when (--actor, --type, --from, --to)
  timeline X Y       the dyadic timeline between two countries or entities
  dossier X Y        their relationship: events by type and year, people, topics, agreements
  stories            stories (threads of happenings across languages), latest first
  story ID           one story or event cluster: events, documents by language, copies, timeline (--why)
  rejects            inputs that were rejected, with their reasons
  serve              the HTTP API and the web UI (--port, --bind, --allow-write)
  eval               measure against a gold corpus (language, entities, event dates, clusters; eval html|langid|ner|timex|events|dates)
  train ner          train the statistical NER tagger on annotated files

common options:
  --db PATH          the SQLite store (default ./newsgraph.db)
  --data DIR         resource directory (default: the installed data/, or $NEWSGRAPH_DATA)
  --json             JSON output for listings
  --help             help for a command

exit codes: 0 ok, 1 some inputs rejected, 2 usage error, 3 fatal error
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace ng::cli;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::puts("newsgraph 0.1.0");
    return kExitOk;
  }
  std::string cmd = argv[1];
  if (cmd == "ingest") return cmd_ingest(argc, argv);
  if (cmd == "docs") return cmd_docs(argc, argv);
  if (cmd == "show") return cmd_show(argc, argv);
  if (cmd == "export") return cmd_export(argc, argv);
  if (cmd == "stats") return cmd_stats(argc, argv);
  if (cmd == "rejects") return cmd_rejects(argc, argv);
  if (cmd == "eval") return cmd_eval(argc, argv);
  if (cmd == "entities") return cmd_entities(argc, argv);
  if (cmd == "entity") return cmd_entity(argc, argv);
  if (cmd == "relink") return cmd_relink(argc, argv);
  if (cmd == "events") return cmd_events(argc, argv);
  if (cmd == "timeline") return cmd_timeline(argc, argv);
  if (cmd == "dossier") return cmd_dossier(argc, argv);
  if (cmd == "stories") return cmd_stories(argc, argv);
  if (cmd == "story") return cmd_story(argc, argv);
  if (cmd == "train") return cmd_train(argc, argv);
  if (cmd == "serve") return cmd_serve(argc, argv);
  std::fprintf(stderr, "newsgraph: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return kExitUsage;
}
