#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace core {

// Escapes % _ and the escape character ! for a LIKE pattern written with ESCAPE '!'.
QString escapeLikePattern(QString text);

// A bound parameter: named ":p<N>" in the SQL text, with a type hint for dialects that
// need one (Databricks' typed parameters).
struct SqlParam
{
    enum class Type { String, Int, Date };
    QString name; // without the colon
    QVariant value;
    Type type = Type::String;
    bool operator==(const SqlParam&) const = default;
};

// SQL text plus its parameters.
struct BoundSql
{
    QString sql;
    QList<SqlParam> params;
};

// Collects parameters while SQL is being built; add() returns the placeholder to splice in.
class SqlParams
{
public:
    QString add(const QVariant& value, SqlParam::Type type = SqlParam::Type::String);
    // A text value; a null QString is bound as the empty text, never as SQL NULL (NULL is add(QVariant())).
    QString addString(const QString& value)
    {
        return add(value.isNull() ? QStringLiteral("") : value, SqlParam::Type::String);
    }
    QString addInt(qint64 value) { return add(value, SqlParam::Type::Int); }
    QString addDate(const QString& isoDate) { return add(isoDate, SqlParam::Type::Date); }
    // The body of an IN (...) list of strings: ":p1, :p2"; "NULL" (matches nothing) when empty.
    QString addStringList(const QStringList& values);

    const QList<SqlParam>& list() const { return m_params; }
    QList<SqlParam> take() { return std::move(m_params); }

private:
    QList<SqlParam> m_params;
};

} // namespace core
