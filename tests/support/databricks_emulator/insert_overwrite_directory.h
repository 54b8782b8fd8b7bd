#pragma once

// INSERT OVERWRITE DIRECTORY for the emulator: the statement is parsed here, its query runs on the
// warehouse like any other, and the rows replace the files of the directory in the emulated
// volume as Spark writes them: one part-00000-<id>-c000.csv and an empty _SUCCESS.
//
// Supported (what the app's report jobs send):
//   INSERT OVERWRITE DIRECTORY '/Volumes/c/s/v/folder' USING CSV [OPTIONS ('header' 'true', ...)] <query>
// CSV as Spark writes it: ',' between fields, a field quoted when it holds ',', '"' or a line break,
// NULL as an empty field, the header line only with 'header' 'true'. Other formats, LOCAL, and the
// path given in OPTIONS fail as unsupported.

#include <optional>

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace emulator {

struct InsertOverwriteDirectory
{
    QString path;                    // "/Volumes/..." without a trailing '/'
    QString fileFormat;              // upper case
    QHash<QString, QString> options; // lower-case keys
    QString query;
    bool header() const { return options.value(QStringLiteral("header")).toLower() == QLatin1String("true"); }
};

// nullopt when the statement is not INSERT OVERWRITE DIRECTORY; error set when it is one the
// emulator cannot run.
std::optional<InsertOverwriteDirectory> parseInsertOverwriteDirectory(const QString& sql, QString* error);

// The CSV file Spark would write for these rows (JSON_ARRAY rows: strings or null).
QByteArray csvOf(const QStringList& columns, const QList<QJsonArray>& rows, bool header);

} // namespace emulator
