#include "backends/migration_files.h"

#include <QDir>
#include <QFile>

namespace core {

QList<Migration> MigrationFiles::read(const QString& resourceFolder)
{
    QList<Migration> out;
    const QDir dir(resourceFolder);
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const auto& file : files) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        Migration m;
        m.version = file.section(QLatin1Char('_'), 0, 0).toInt();
        m.name = file.section(QLatin1Char('_'), 1).chopped(4);
        m.sql = QString::fromUtf8(f.readAll());
        if (m.version > 0)
            out.append(m);
    }
    return out;
}

} // namespace core
