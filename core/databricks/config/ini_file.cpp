#include "databricks/config/ini_file.h"

#include "common/single_line.h"

#include <QFile>
#include <QFileInfo>

namespace core {

namespace {

Error lineError(const QString& fileName, int line, const QString& problem)
{
    Error e = Error::parse(singleLine(QStringLiteral("Line %1 of the Databricks configuration file %2 is not valid: %3.")
                                          .arg(line)
                                          .arg(fileName, problem)),
                           QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(problem));
    e.code = QStringLiteral("config_file_syntax");
    e.remediation =
        QStringLiteral("Fix line %1 of %2 (format: [profile] headers followed by key = value lines), "
                       "or point DATABRICKS_CONFIG_FILE at another file.")
            .arg(line)
            .arg(fileName);
    return e;
}

// Removes an inline comment: `#` or `;` preceded by whitespace.
QString stripInlineComment(const QString& text)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if ((c == QLatin1Char('#') || c == QLatin1Char(';')) && text.at(i - 1).isSpace())
            return text.left(i);
    }
    return text;
}

qsizetype indentation(const QString& line)
{
    qsizetype n = 0;
    while (n < line.size() && (line.at(n) == QLatin1Char(' ') || line.at(n) == QLatin1Char('\t')))
        ++n;
    return n;
}

} // namespace

const IniEntry* IniSection::find(const QString& key) const
{
    const QString wanted = key.toLower();
    for (const IniEntry& e : entries)
        if (e.key == wanted)
            return &e;
    return nullptr;
}

QString IniSection::value(const QString& key) const
{
    const IniEntry* e = find(key);
    return e ? e->value : QString();
}

const IniSection* IniFile::section(const QString& name) const
{
    for (const IniSection& s : m_sections)
        if (s.name == name)
            return &s;
    return nullptr;
}

Result<IniFile> IniFile::parse(const QByteArray& data, const QString& fileName)
{
    IniFile file;
    file.m_fileName = fileName;
    QByteArray bytes = data;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'));

    IniSection* current = nullptr;
    qsizetype entryIndent = -1; // indentation of the last key line in the current section
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QString raw = lines.at(i);
        if (raw.endsWith(QLatin1Char('\r')))
            raw.chop(1);
        const QString trimmed = raw.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1Char(';')))
            continue;

        const qsizetype indent = indentation(raw);

        if (trimmed.startsWith(QLatin1Char('['))) {
            const qsizetype close = trimmed.indexOf(QLatin1Char(']'));
            if (close < 0)
                return lineError(fileName, lineNo, QStringLiteral("the section header has no closing ']'"));
            const QString rest = stripInlineComment(trimmed.mid(close + 1)).trimmed();
            if (!rest.isEmpty())
                return lineError(fileName, lineNo,
                                 QStringLiteral("unexpected text after the section header"));
            const QString name = trimmed.mid(1, close - 1).trimmed();
            if (name.isEmpty())
                return lineError(fileName, lineNo, QStringLiteral("the section name is empty"));
            if (file.section(name)) {
                return lineError(fileName, lineNo,
                                 QStringLiteral("the profile [%1] appears a second time").arg(name));
            }
            file.m_sections.append(IniSection{name, lineNo, {}});
            current = &file.m_sections.last();
            entryIndent = -1;
            continue;
        }

        // key = value or key: value; the first of the two separators counts.
        const qsizetype eq = trimmed.indexOf(QLatin1Char('='));
        const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
        qsizetype sep = eq;
        if (sep < 0 || (colon >= 0 && colon < sep))
            sep = colon;
        if (sep < 0) {
            if (current && entryIndent >= 0 && indent > entryIndent) {
                return lineError(fileName, lineNo,
                                 QStringLiteral("an indented line continues the previous value, and values "
                                                "spanning several lines are not supported"));
            }
            return lineError(fileName, lineNo,
                             QStringLiteral("expected 'key = value' or a [profile] header"));
        }
        const QString key = trimmed.left(sep).trimmed().toLower();
        if (key.isEmpty())
            return lineError(fileName, lineNo,
                             QStringLiteral("the key before '%1' is empty").arg(trimmed.at(sep)));
        if (!current) {
            return lineError(fileName, lineNo,
                             QStringLiteral("'%1' comes before any [profile] header").arg(key));
        }
        if (current->find(key)) {
            return lineError(fileName, lineNo,
                             QStringLiteral("'%1' is set a second time in [%2]").arg(key, current->name));
        }
        const QString value = stripInlineComment(trimmed.mid(sep + 1)).trimmed();
        current->entries.append(IniEntry{key, value, lineNo});
        entryIndent = indent;
    }
    return file;
}

Result<IniFile> IniFile::load(const QString& path)
{
    QFile f(path);
    if (!f.exists()) {
        return Error::notFound(
            QStringLiteral("The Databricks configuration file %1 does not exist.").arg(path), path);
    }
    if (QFileInfo(path).isDir()) {
        return Error::io(
            QStringLiteral("The Databricks configuration file %1 is a folder, not a file.").arg(path), path);
    }
    if (!f.open(QIODevice::ReadOnly)) {
        Error e =
            Error::io(QStringLiteral("The Databricks configuration file %1 could not be read.").arg(path),
                      QStringLiteral("%1: %2").arg(path, f.errorString()));
        e.remediation = QStringLiteral("Check the file's permissions.");
        return e;
    }
    return parse(f.readAll(), path);
}

} // namespace core
