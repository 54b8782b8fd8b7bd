#pragma once

#include "common/result.h"

#include <QString>

#include <chrono>
#include <functional>

namespace core {

// Where and how PgExecutor connects. `conninfo` is a libpq connection string or URI
// ("host=... port=... dbname=... user=... sslmode=require"); it should not hold a password:
// `password`, when set, is asked at every (re)connect (a Lakebase OAuth token expires, so the
// next connection must use the renewed one) and overrides any password in conninfo. Neither
// the password nor a conninfo with a password is ever logged or put in an Error
// (PgSession::printableConnInfo).
struct PgConnectionSettings
{
    QString conninfo;
    std::function<Result<QString>()> password;
    std::chrono::seconds connectTimeout{10};
};

} // namespace core
