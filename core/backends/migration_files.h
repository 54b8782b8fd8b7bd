#pragma once

#include <QList>
#include <QString>

namespace core {

// One numbered schema migration compiled into the app: NNNN_name.sql.
struct Migration
{
    int version = 0;
    QString name;
    QString sql;
};

// The numbered migrations of one backend, read from the Qt resource folder they are compiled
// into (":/migrations/sqlite", ":/migrations/postgres"), in version order.
class MigrationFiles
{
public:
    static QList<Migration> read(const QString& resourceFolder);
};

} // namespace core
