// POST /api/documents: JSON (one object or an array of objects) or JSON Lines
// (one object per line), the fields of `newsgraph ingest`'s JSONL input
// ("text" required; "id", "url", "title", "published", "lang"). Only when the
// server runs with --allow-write, and only with its token. Records go through
// Pipeline::ingest_records like any ingest; rejected ones come back with
// their reasons.
#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "core/json.h"
#include "ingest/reader.h"
#include "ingest/stream.h"
#include "pipeline/pipeline.h"
#include "serve/api_impl.h"

namespace ng::serve {
namespace {

class StringStream final : public InputStream {
 public:
  StringStream(std::string name, std::string data) : InputStream(std::move(name)), data_(std::move(data)) {}
  Result<size_t> read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t position() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Compares in time independent of where the first difference is.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % std::max<size_t>(1, b.size())]);
  return diff == 0 && !b.empty();
}

// A JSON body (object or array of objects) as JSON Lines.
Result<std::string> json_to_lines(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(body).get(root); err) {
    return Status::invalid(std::string("the body is not valid JSON: ") + simdjson::error_message(err));
  }
  std::string out;
  if (root.is_object()) return simdjson::minify(root) + "\n";
  simdjson::dom::array arr;
  if (root.get_array().get(arr)) return Status::invalid("the body must be a JSON object or an array of objects");
  for (simdjson::dom::element e : arr) out += simdjson::minify(e) + "\n";
  return out;
}

}  // namespace

ApiResponse Api::Impl::ingest(const ApiRequest& r) {
  if (!options.allow_write) {
    return json_error(403, "writes are off: start the server with --allow-write and a token to POST documents");
  }
  const std::string prefix = "Bearer ";
  if (r.authorization.compare(0, prefix.size(), prefix) != 0 ||
      !same_secret(r.authorization.substr(prefix.size()), options.token)) {
    return json_error(401, "POST /api/documents needs the header 'Authorization: Bearer <token>' with the server's token");
  }
  std::string type = r.content_type.substr(0, r.content_type.find(';'));
  std::string lines;
  if (type == "application/json") {
    auto got = json_to_lines(r.body);
    if (!got) return json_error(400, got.status().message());
    lines = std::move(*got);
  } else if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/x-jsonlines") {
    lines = r.body;
  } else {
    return json_error(415, "send application/json (an object or an array) or application/x-ndjson (JSON Lines), not '" +
                               type + "'");
  }
  std::vector<RawRecord> records;
  std::vector<Reject> rejects;
  RecordSink sink;
  sink.record = [&](RawRecord&& rec) { records.push_back(std::move(rec)); };
  sink.reject = [&](Reject&& rej) { rejects.push_back(std::move(rej)); };
  StringStream in("POST /api/documents", std::move(lines));
  read_jsonl(in, in.name(), ReaderOptions(), sink);
  if (records.size() + rejects.size() > options.max_records) {
    return json_error(413, "more than " + std::to_string(options.max_records) + " records in one request");
  }
  IngestSummary summary;
  {
    std::lock_guard lock(write_mu);
    auto got = pipeline->ingest_records(std::move(records));
    if (!got) return status_error(got.status());
    summary = std::move(*got);
  }
  rejects.insert(rejects.end(), summary.rejects.begin(), summary.rejects.end());
  std::string arr = "[";
  for (const Reject& j : rejects) {
    if (arr.size() > 1) arr += ',';
    arr += JsonObject().str("source", j.source).str_or_null("place", j.locator).str("reason", j.reason).done();
  }
  arr += ']';
  ApiResponse res;
  res.status = (summary.inserted + summary.duplicates == 0 && !rejects.empty()) ? 422 : 200;
  res.body = JsonObject()
                 .integer("inserted", summary.inserted)
                 .integer("duplicates", summary.duplicates)
                 .integer("rejected", static_cast<long long>(rejects.size()))
                 .raw("rejects", arr)
                 .done();
  return res;
}

}  // namespace ng::serve
