#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace segctl {

// The options and positional arguments given to one command.
class ParsedArgs
{
public:
    bool isSet(const QString& option) const { return m_values.contains(option); }
    // The option's value; fallback when it was not given.
    QString value(const QString& option, const QString& fallback = {}) const
    {
        return m_values.value(option, fallback);
    }
    const QStringList& positionals() const { return m_positionals; }
    QString positional(qsizetype index) const { return m_positionals.value(index); }
    bool helpRequested() const { return m_help; }

    void set(const QString& option, const QString& value) { m_values.insert(option, value); }
    void addPositional(const QString& value) { m_positionals.append(value); }
    void setHelpRequested(bool help) { m_help = help; }

private:
    QHash<QString, QString> m_values; // flags hold an empty string
    QStringList m_positionals;
    bool m_help = false;
};

} // namespace segctl
