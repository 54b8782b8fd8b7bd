#pragma once

#include "common/error.h"

#include <utility>
#include <variant>

namespace core {

// Either a value or an Error. Synchronous core calls return it, asynchronous ones
// deliver it through a QFuture. Default-constructed results hold an internal error so a
// forgotten assignment can never look like success.
template <typename T>
class Result
{
public:
    Result() : m_data(Error::internal(QStringLiteral("result never set"))) {}
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Done
{
    bool operator==(const Done&) const = default;
};

// A result without a value: success or an Error.
using Status = Result<Done>;

inline Status success() { return Status(Done{}); }

} // namespace core
