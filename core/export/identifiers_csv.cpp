#include "export/identifiers_csv.h"

#include "common/single_line.h"

#include <QDate>
#include <QRegularExpression>

#include "export/csv_reader.h"

namespace core {

namespace {

constexpr int kReasonsInError = 3;

Error fileError(const QString& fileName, const QString& message, const QString& remediation)
{
    Error e = Error::validation(QStringLiteral("identifiers_file_invalid"),
                                singleLine(QStringLiteral("%1: %2").arg(fileName, message)));
    e.remediation = remediation;
    return e;
}

QString expectedColumns()
{
    return IdentifiersCsv::columns().join(QStringLiteral(", "));
}

// Where each column's value is in a record, by the header.
struct Layout
{
    QList<int> fieldOf; // per column of IdentifiersCsv::columns(), its field index; -1: absent
    qsizetype fields = 0;
};

Result<Layout> readHeader(CsvReader& reader, const QString& fileName)
{
    QStringList header;
    auto read = reader.readRecord(header);
    if (!read)
        return fileError(fileName, read.error().userMessage,
                         QStringLiteral("Save the file as CSV (UTF-8) and try again."));
    if (!read.value())
        return fileError(
            fileName, QStringLiteral("the file is empty."),
            QStringLiteral("The first line must name the columns: %1 (all but user_id optional).")
                .arg(expectedColumns()));
    const QStringList& columns = IdentifiersCsv::columns();
    Layout layout;
    layout.fields = header.size();
    layout.fieldOf = QList<int>(columns.size(), -1);
    bool anyKnown = false;
    for (const auto& field : header)
        anyKnown |= columns.contains(field.trimmed().toLower());
    if (!anyKnown) // a data line, perhaps: never quoted, it may hold personal data
        return fileError(
            fileName,
            QStringLiteral("line %1 names none of the columns, so the file has no header.")
                .arg(reader.recordLine()),
            QStringLiteral("Add a first line naming the columns, in any order: %1.").arg(expectedColumns()));
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        const qsizetype index = columns.indexOf(name);
        if (index < 0)
            return fileError(
                fileName,
                QStringLiteral("line %1, column %2 of the header names an unknown column “%3”.")
                    .arg(reader.recordLine())
                    .arg(i + 1)
                    .arg(header.at(i).trimmed()),
                QStringLiteral("The header names these columns, in any order: %1.").arg(expectedColumns()));
        if (layout.fieldOf[index] >= 0)
            return fileError(fileName,
                             QStringLiteral("the header names “%1” twice (columns %2 and %3).")
                                 .arg(name)
                                 .arg(layout.fieldOf[index] + 1)
                                 .arg(i + 1),
                             QStringLiteral("Keep one column of each name."));
        layout.fieldOf[index] = static_cast<int>(i);
    }
    if (layout.fieldOf[0] < 0)
        return fileError(fileName, QStringLiteral("the header has no user_id column."),
                         QStringLiteral("Add a user_id column: the id of each person in the events."));
    return layout;
}

QString valueOf(const QStringList& fields, const Layout& layout, int column)
{
    const int field = layout.fieldOf.at(column);
    return field < 0 ? QString() : fields.at(field).trimmed();
}

} // namespace

const QStringList& IdentifiersCsv::columns()
{
    static const QStringList names{QStringLiteral("user_id"),   QStringLiteral("email"),
                                   QStringLiteral("phone"),     QStringLiteral("first_name"),
                                   QStringLiteral("last_name"), QStringLiteral("city"),
                                   QStringLiteral("region"),    QStringLiteral("postal_code"),
                                   QStringLiteral("country"),   QStringLiteral("birth_date")};
    return names;
}

Result<QString> IdentifiersCsv::normaliseBirthDate(const QString& text, QDate today)
{
    static const QRegularExpression dateLike(QStringLiteral("^[0-9./ :TZ-]{1,30}$"));
    static const QRegularExpression iso(
        QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]00:00(?::00(?:\\.0+)?)?Z?)?$"));
    static const QRegularExpression yearFirst(QStringLiteral("^(\\d{4})/(\\d{1,2})/(\\d{1,2})$"));
    static const QRegularExpression compact(QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})$"));
    static const QRegularExpression dotted(QStringLiteral("^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})$"));
    static const QRegularExpression yearLast(QStringLiteral("^\\d{1,2}/\\d{1,2}/\\d{2,4}$"));
    // Only something that looks like a date is quoted: a misplaced column may hold anything.
    const QString shown = dateLike.match(text).hasMatch() ? QStringLiteral("birth_date %1").arg(text)
                                                          : QStringLiteral("birth_date");
    const auto refuse = [&](const QString& why) {
        return Error::validation(QStringLiteral("birth_date_invalid"), shown + QLatin1Char(' ') + why);
    };
    int year = 0;
    int month = 0;
    int day = 0;
    QRegularExpressionMatch m;
    if ((m = iso.match(text)).hasMatch() || (m = yearFirst.match(text)).hasMatch() ||
        (m = compact.match(text)).hasMatch()) {
        year = m.captured(1).toInt();
        month = m.captured(2).toInt();
        day = m.captured(3).toInt();
    } else if ((m = dotted.match(text)).hasMatch()) {
        day = m.captured(1).toInt();
        month = m.captured(2).toInt();
        year = m.captured(3).toInt();
    } else if (yearLast.match(text).hasMatch()) {
        return refuse(QStringLiteral(
            "puts the year last, where countries differ on which of day and month comes first; write it "
            "YYYY-MM-DD"));
    } else {
        return refuse(QStringLiteral("is not a date; write it YYYY-MM-DD"));
    }
    const QDate date(year, month, day);
    if (!date.isValid())
        return refuse(QStringLiteral("is not a date"));
    if (year < 1900)
        return refuse(QStringLiteral("is before 1900"));
    if (date > today)
        return refuse(QStringLiteral("is in the future"));
    return date.toString(Qt::ISODate);
}

Result<IdentifiersCsv::Contents> IdentifiersCsv::read(const QByteArray& bytes, const QString& fileName)
{
    CsvReader::Options options;
    options.requireUniformFieldCount = false; // a short or long record is rejected, not fatal
    CsvReader reader(bytes, options);
    auto layout = readHeader(reader, fileName);
    if (!layout)
        return layout.error();
    const QDate today = QDate::currentDate();
    const int birthDate = static_cast<int>(columns().indexOf(QStringLiteral("birth_date")));
    Contents out;
    QList<CustomerIdentifiers> accepted;
    QStringList fields;
    while (true) {
        auto more = reader.readRecord(fields);
        if (!more)
            return fileError(
                fileName, more.error().userMessage,
                QStringLiteral("Fix the file at that place (quotes must be closed, text must be UTF-8); "
                               "nothing was imported."));
        if (!more.value())
            break;
        ++out.rowsRead;
        const int line = reader.recordLine();
        if (fields.size() != layout.value().fields) {
            out.rejected.append({line, QStringLiteral("%1 fields where the header has %2")
                                           .arg(fields.size())
                                           .arg(layout.value().fields)});
            continue;
        }
        QStringList values;
        for (int c = 0; c < columns().size(); ++c)
            values.append(valueOf(fields, layout.value(), c));
        CustomerIdentifiers row{values.at(0), values.at(1), values.at(2), values.at(3), values.at(4),
                                values.at(5), values.at(6), values.at(7), values.at(8), values.at(9)};
        if (const int field = controlCharacterField(row); field >= 0) {
            out.rejected.append(
                {line, QStringLiteral("%1 holds a control character").arg(columns().at(field))});
            continue;
        }
        if (values.at(0).isEmpty()) {
            out.rejected.append({line, QStringLiteral("user_id is empty")});
            continue;
        }
        if (!values.at(birthDate).isEmpty()) {
            auto normalised = normaliseBirthDate(values.at(birthDate), today);
            if (!normalised) {
                out.rejected.append({line, normalised.error().userMessage});
                continue;
            }
            row.birthDate = normalised.value();
        }
        accepted.append(row);
    }
    if (out.rowsRead == 0)
        return fileError(fileName, QStringLiteral("the file has a header but no rows."),
                         QStringLiteral("Add one line per person after the header."));
    if (accepted.isEmpty()) {
        QStringList reasons;
        for (const auto& r : out.rejected.mid(0, kReasonsInError))
            reasons.append(QStringLiteral("line %1: %2").arg(r.line).arg(r.reason));
        if (out.rejected.size() > kReasonsInError)
            reasons.append(QStringLiteral("%1 more").arg(out.rejected.size() - kReasonsInError));
        return fileError(fileName,
                         QStringLiteral("none of its %1 rows can be stored (%2).")
                             .arg(out.rowsRead)
                             .arg(reasons.join(QStringLiteral("; "))),
                         QStringLiteral("Correct the file and import it again; nothing was stored."));
    }
    out.rows = latestPerUser(accepted);
    out.repeated = accepted.size() - out.rows.size();
    return out;
}

} // namespace core
