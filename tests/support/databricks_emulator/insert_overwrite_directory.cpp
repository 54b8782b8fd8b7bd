#include "insert_overwrite_directory.h"

#include <QRegularExpression>

namespace emulator {

namespace {

// The text inside the parentheses that open at `open`, and the index after the closing one.
std::optional<std::pair<QString, qsizetype>> parenthesised(const QString& text, qsizetype open)
{
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')') && --depth == 0)
            return std::pair{text.mid(open + 1, i - open - 1), i + 1};
    }
    return std::nullopt;
}

QString csvField(const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return {};
    QString s = v.isString() ? v.toString() : v.toVariant().toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')) ||
        s.contains(QLatin1Char('\r')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

} // namespace

std::optional<InsertOverwriteDirectory> parseInsertOverwriteDirectory(const QString& sql, QString* error)
{
    static const QRegularExpression head(
        QStringLiteral("^\\s*(?:--[^\\n]*\\n\\s*)*INSERT\\s+OVERWRITE\\s+(LOCAL\\s+)?DIRECTORY\\b\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = head.match(sql);
    if (!m.hasMatch())
        return std::nullopt;
    InsertOverwriteDirectory out;
    if (!m.captured(1).isEmpty()) {
        *error = QStringLiteral("INSERT OVERWRITE LOCAL DIRECTORY");
        return out;
    }
    static const QRegularExpression path(QStringLiteral("\\G'([^']*)'\\s*USING\\s+([A-Za-z]+)\\s*"),
                                         QRegularExpression::CaseInsensitiveOption);
    const auto p = path.match(sql, m.capturedEnd(), QRegularExpression::NormalMatch,
                              QRegularExpression::AnchorAtOffsetMatchOption);
    if (!p.hasMatch()) {
        *error = QStringLiteral("INSERT OVERWRITE DIRECTORY without a quoted path before USING");
        return out;
    }
    out.path = p.captured(1);
    while (out.path.endsWith(QLatin1Char('/')))
        out.path.chop(1);
    out.fileFormat = p.captured(2).toUpper();
    if (out.fileFormat != QLatin1String("CSV")) {
        *error = QStringLiteral("INSERT OVERWRITE DIRECTORY USING %1 (only CSV)").arg(out.fileFormat);
        return out;
    }
    qsizetype at = p.capturedEnd();
    static const QRegularExpression options(QStringLiteral("\\GOPTIONS\\s*(?=\\()"), QRegularExpression::CaseInsensitiveOption);
    const auto o = options.match(sql, at, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    if (o.hasMatch()) {
        const auto inside = parenthesised(sql, o.capturedEnd());
        if (!inside) {
            *error = QStringLiteral("INSERT OVERWRITE DIRECTORY with unclosed OPTIONS");
            return out;
        }
        static const QRegularExpression pair(QStringLiteral("'?([A-Za-z_]+)'?\\s*=?\\s*'([^']*)'"));
        for (auto it = pair.globalMatch(inside->first); it.hasNext();) {
            const auto kv = it.next();
            out.options.insert(kv.captured(1).toLower(), kv.captured(2));
        }
        if (out.options.contains(QStringLiteral("path"))) {
            *error = QStringLiteral("INSERT OVERWRITE DIRECTORY with the path in OPTIONS");
            return out;
        }
        at = inside->second;
    }
    out.query = sql.mid(at).trimmed();
    if (out.query.isEmpty())
        *error = QStringLiteral("INSERT OVERWRITE DIRECTORY without a query");
    return out;
}

QByteArray csvOf(const QStringList& columns, const QList<QJsonArray>& rows, bool header)
{
    QString out;
    if (header) {
        QStringList names;
        for (const QString& c : columns)
            names.append(csvField(c));
        out += names.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    for (const QJsonArray& row : rows) {
        QStringList fields;
        for (const QJsonValue& v : row)
            fields.append(csvField(v));
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace emulator
