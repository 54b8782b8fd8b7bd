#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "common/result.h"

namespace core {

// One `key = value` line of an INI file. Keys are lower-cased (as Python's configparser does,
// which the Databricks SDKs use); values are trimmed.
struct IniEntry
{
    QString key;
    QString value;
    int line = 0; // 1-based
};

struct IniSection
{
    QString name; // case-sensitive, as written between the brackets
    int line = 0;
    QList<IniEntry> entries;

    const IniEntry* find(const QString& key) const; // key is compared lower-cased
    QString value(const QString& key) const;        // empty when absent
};

// A small, strict INI reader for ~/.databrickscfg. Accepted syntax (configparser's, minus
// multi-line values): `[section]`, `key = value` or `key: value`, full-line comments starting
// with `#` or `;`, inline comments after whitespace (` # ...`, ` ; ...`, as the Go SDK's INI
// reader strips them), blank lines, indentation, UTF-8 with or without BOM, LF or CRLF.
// Indented `key = value` lines are keys (as for the Go CLI); an indented line without a
// separator after a key would be a multi-line value in configparser and is refused. Errors
// name the file and the line: a key outside any section, a line that is neither, an
// unterminated or empty section name, a duplicate section, a duplicate key in a section, a
// continuation line.
class IniFile
{
public:
    static Result<IniFile> parse(const QByteArray& data, const QString& fileName);
    // ErrorKind::NotFound when the file does not exist, Io when it cannot be read.
    static Result<IniFile> load(const QString& path);

    const QString& fileName() const { return m_fileName; }
    const QList<IniSection>& sections() const { return m_sections; }
    const IniSection* section(const QString& name) const;

private:
    QString m_fileName;
    QList<IniSection> m_sections;
};

} // namespace core
