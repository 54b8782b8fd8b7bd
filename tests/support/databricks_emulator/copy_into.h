#pragma once

// COPY INTO for the emulator: the statement is parsed here and, with the file's content from the
// emulated volume, rewritten into an INSERT ... SELECT over VALUES that the SQL translator and
// the PostgreSQL warehouse run like any other statement.
//
// Supported (what the app sends, plus the plain form):
//   COPY INTO <table> FROM (SELECT <expressions> FROM '<path>') FILEFORMAT = CSV
//     [FORMAT_OPTIONS ('header' = 'true', ...)] [COPY_OPTIONS ('force' = 'true', ...)]
//   COPY INTO <table> FROM '<path>' FILEFORMAT = CSV [...]
// CSV per RFC 4180 with a header line (required); an empty field is NULL. Other file formats,
// PATTERN/FILES, and CSV without a header fail as unsupported.

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace emulator {

struct CopyInto
{
    QString target;                        // as written
    QString selectList;                    // empty: the file's columns by name
    QString path;                          // "/Volumes/..."
    QString fileFormat;                    // upper case
    QHash<QString, QString> formatOptions; // lower-case keys
    QHash<QString, QString> copyOptions;   // lower-case keys
    bool force() const
    {
        return copyOptions.value(QStringLiteral("force")).toLower() == QLatin1String("true");
    }
};

// nullopt when the statement is not COPY INTO; error set when it is one the emulator cannot run.
std::optional<CopyInto> parseCopyInto(const QString& sql, QString* error);

// The INSERT (Databricks SQL) that loads the CSV file into the target; empty with error set when
// the file cannot be read as CSV with a header.
QString copyIntoAsInsert(const CopyInto& copy, const QByteArray& file, QString* error, int* rows);

} // namespace emulator
