#include "copy_into.h"

#include <QList>
#include <QRegularExpression>

namespace emulator {

namespace {

QHash<QString, QString> optionPairs(const QString& text)
{
    QHash<QString, QString> out;
    static const QRegularExpression pair(QStringLiteral("'([^']*)'\\s*=\\s*'([^']*)'"));
    for (auto it = pair.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out.insert(m.captured(1).toLower(), m.captured(2));
    }
    return out;
}

// The text inside the parentheses after `keyword`, or empty.
QString clause(const QString& rest, const QString& keyword)
{
    const QRegularExpression start(QStringLiteral("\\b%1\\s*\\(").arg(keyword),
                                   QRegularExpression::CaseInsensitiveOption);
    const auto m = start.match(rest);
    if (!m.hasMatch())
        return {};
    int depth = 1;
    bool quoted = false;
    for (qsizetype i = m.capturedEnd(); i < rest.size(); ++i) {
        const QChar c = rest.at(i);
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')') && --depth == 0)
            return rest.mid(m.capturedEnd(), i - m.capturedEnd());
    }
    return {};
}

// RFC 4180 records; false on an unclosed quote.
bool parseCsv(const QString& text, QList<QList<std::optional<QString>>>& records)
{
    QList<std::optional<QString>> record;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    bool any = false;
    auto endField = [&] {
        record.append(field.isEmpty() ? std::nullopt : std::optional<QString>(field));
        field.clear();
        wasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        if (!(record.size() == 1 && !record.first()))
            records.append(record);
        record.clear();
        any = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(QLatin1Char('"'));
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        any = true;
        if (c == QLatin1Char('"') && field.isEmpty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n')) {
            endRecord();
        } else if (c != QLatin1Char('\r')) {
            field.append(c);
        }
    }
    if (quoted)
        return false;
    if (any || !field.isEmpty() || !record.isEmpty())
        endRecord();
    return true;
}

// A Spark SQL string literal.
QString literal(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

// Output column names of a select list: the alias after a top-level AS, else the last name.
QStringList outputNames(const QString& selectList)
{
    QStringList items;
    int depth = 0;
    bool quoted = false;
    QString current;
    for (const QChar c : selectList) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (!quoted && c == QLatin1Char('('))
            ++depth;
        if (!quoted && c == QLatin1Char(')'))
            --depth;
        if (!quoted && depth == 0 && c == QLatin1Char(',')) {
            items.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    items.append(current.trimmed());
    QStringList names;
    static const QRegularExpression alias(QStringLiteral("\\bAS\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*$"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression last(QStringLiteral("`?([A-Za-z_][A-Za-z0-9_]*)`?\\s*$"));
    for (const QString& item : items) {
        const auto a = alias.match(item);
        names.append(a.hasMatch() ? a.captured(1) : last.match(item).captured(1));
    }
    return names;
}

} // namespace

std::optional<CopyInto> parseCopyInto(const QString& sql, QString* error)
{
    static const QRegularExpression head(QStringLiteral("^\\s*COPY\\s+INTO\\b"),
                                         QRegularExpression::CaseInsensitiveOption);
    if (!head.match(sql).hasMatch())
        return std::nullopt;
    static const QRegularExpression form(
        QStringLiteral("^\\s*COPY\\s+INTO\\s+(\\S+)\\s+FROM\\s+(?:\\(\\s*SELECT\\s+(.+?)\\s+FROM\\s+'([^']*)'"
                       "\\s*\\)|'([^']*)')"
                       "\\s+FILEFORMAT\\s*=\\s*(\\w+)(.*?);?\\s*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const auto m = form.match(sql);
    CopyInto copy;
    if (!m.hasMatch()) {
        *error = QStringLiteral("this form of COPY INTO");
        return copy;
    }
    copy.target = m.captured(1);
    copy.selectList = m.captured(2).trimmed();
    copy.path = m.captured(3).isEmpty() ? m.captured(4) : m.captured(3);
    copy.fileFormat = m.captured(5).toUpper();
    const QString rest = m.captured(6);
    copy.formatOptions = optionPairs(clause(rest, QStringLiteral("FORMAT_OPTIONS")));
    copy.copyOptions = optionPairs(clause(rest, QStringLiteral("COPY_OPTIONS")));
    if (copy.fileFormat != QLatin1String("CSV"))
        *error = QStringLiteral("COPY INTO with FILEFORMAT = %1").arg(copy.fileFormat);
    else if (copy.formatOptions.value(QStringLiteral("header")).toLower() != QLatin1String("true"))
        *error = QStringLiteral("COPY INTO a CSV file without 'header' = 'true'");
    return copy;
}

QString copyIntoAsInsert(const CopyInto& copy, const QByteArray& file, QString* error, int* rows)
{
    QList<QList<std::optional<QString>>> records;
    if (!parseCsv(QString::fromUtf8(file), records)) {
        *error = QStringLiteral("[MALFORMED_RECORD_IN_PARSING] A quoted field of %1 is not closed.")
                     .arg(copy.path);
        return {};
    }
    if (records.isEmpty()) {
        *error =
            QStringLiteral("[COPY_INTO_SOURCE_SCHEMA_INFERENCE_FAILED] %1 has no header.").arg(copy.path);
        return {};
    }
    QStringList header;
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (const auto& name : records.first()) {
        if (!name || !plain.match(*name).hasMatch()) {
            *error = QStringLiteral(
                         "[UNSUPPORTED_FEATURE.EMULATOR] Header column names of %1 must be plain names.")
                         .arg(copy.path);
            return {};
        }
        header.append(*name);
    }
    QStringList values;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const auto& record = records.at(r);
        QStringList cells;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const auto& v = c < record.size() ? record.at(c) : std::nullopt;
            cells.append(v ? literal(*v) : QStringLiteral("CAST(NULL AS STRING)"));
        }
        values.append(QLatin1Char('(') + cells.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }
    *rows = int(values.size());
    QString source;
    if (values.isEmpty()) {
        QStringList nulls;
        for (const QString& h : header)
            nulls.append(QStringLiteral("CAST(NULL AS STRING) AS `%1`").arg(h));
        source =
            QStringLiteral("(SELECT %1) AS _copy_source WHERE 1 = 0").arg(nulls.join(QStringLiteral(", ")));
    } else {
        source = QStringLiteral("(VALUES %1) AS _copy_source(%2)")
                     .arg(values.join(QStringLiteral(", ")), header.join(QStringLiteral(", ")));
    }
    const QString select = copy.selectList.isEmpty() ? header.join(QStringLiteral(", ")) : copy.selectList;
    const QStringList targets = copy.selectList.isEmpty() ? header : outputNames(copy.selectList);
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4")
        .arg(copy.target, targets.join(QStringLiteral(", ")), select, source);
}

} // namespace emulator
