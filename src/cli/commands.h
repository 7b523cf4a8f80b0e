// One function per subcommand; each returns an exit code (args.h).
#pragma once

namespace ng::cli {

int cmd_ingest(int argc, char** argv);
int cmd_docs(int argc, char** argv);
int cmd_show(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_stats(int argc, char** argv);
int cmd_rejects(int argc, char** argv);
int cmd_eval(int argc, char** argv);
int cmd_entities(int argc, char** argv);     // entities.cc
int cmd_entity(int argc, char** argv);       // entities.cc
int cmd_relink(int argc, char** argv);       // entities.cc
int cmd_events(int argc, char** argv);       // events.cc
int cmd_timeline(int argc, char** argv);     // events.cc
int cmd_dossier(int argc, char** argv);      // events.cc
int cmd_stories(int argc, char** argv);      // stories.cc
int cmd_story(int argc, char** argv);        // stories.cc
int cmd_eval_html(int argc, char** argv);    // eval_html.cc
int cmd_eval_langid(int argc, char** argv);  // eval_langid.cc
int cmd_eval_ner(int argc, char** argv);     // eval_ner.cc
int cmd_eval_dates(int argc, char** argv);   // eval_dates.cc
int cmd_eval_timex(int argc, char** argv);   // eval_timex.cc
int cmd_eval_events(int argc, char** argv);  // eval_events.cc
int cmd_eval_clusters(int argc, char** argv);  // eval_clusters.cc
int cmd_train(int argc, char** argv);        // train_ner.cc
int cmd_serve(int argc, char** argv);        // serve.cc

}  // namespace ng::cli
