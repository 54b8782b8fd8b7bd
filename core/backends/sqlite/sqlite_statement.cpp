#include "backends/sqlite/sqlite_statement.h"

#include <QSqlDriver>
#include <QVariant>

namespace core {

sqlite3* sqliteConnection(QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

} // namespace core
