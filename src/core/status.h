// Status and Result<T>: the one error type that crosses module boundaries.
//
// A Status is either ok() or carries a code and a human-readable message that
// names the input and the reason ("examples/a.jsonl:12: missing \"text\"").
// Result<T> holds either a T or a non-ok Status. Both are [[nodiscard]]: an
// ignored error is a compile warning (an error with -Werror).
//
// Exceptions never cross a module boundary; assertions are for programmer
// errors only, never for anything reachable from input.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ng {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the input is malformed; the record is rejected
  kTooLarge,      // the input exceeds a documented limit
  kNotFound,      // a file, id or resource does not exist
  kIoError,       // reading or writing failed
  kUnsupported,   // a format or feature this build does not handle
  kCorrupt,       // a store or resource is damaged
  kInternal,      // a bug or a library failure that is not the input's fault
};

std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return Status(); }
  static Status invalid(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status too_large(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status not_found(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status io_error(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: <message>" (or "ok").
  std::string to_string() const;

  // Returns a copy whose message is prefixed with `context` and ": ".
  Status with_context(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).is_ok() && "Result constructed from an ok Status");
  }

  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }

  // Precondition: is_ok().
  T& value() & { assert(is_ok()); return std::get<0>(v_); }
  const T& value() const& { assert(is_ok()); return std::get<0>(v_); }
  T&& value() && { assert(is_ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The error; ok() when a value is held.
  Status status() const { return is_ok() ? Status::ok() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace ng

// Propagate a non-ok Status from an expression returning Status.
#define NG_RETURN_IF_ERROR(expr)           \
  do {                                     \
    ::ng::Status ng_status_ = (expr);      \
    if (!ng_status_.is_ok()) return ng_status_; \
  } while (0)
