#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace segctl {

// A plain-text table with aligned columns for the terminal: a header row, a rule, the rows.
// Widths count what a terminal shows (East Asian wide characters take two cells).
class TextTable
{
public:
    enum class Align
    {
        Left,
        Right
    };

    explicit TextTable(QStringList headers);

    void setAlign(int column, Align align);
    void addRow(QStringList cells);
    qsizetype rowCount() const { return m_rows.size(); }

    // Lines end with '\n'; no trailing spaces.
    QString render() const;

    static int displayWidth(const QString& text);

private:
    QStringList m_headers;
    QList<Align> m_align;
    QList<QStringList> m_rows;
};

} // namespace segctl
