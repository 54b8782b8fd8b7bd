#include "text_table.h"

#include <algorithm>

namespace segctl {

namespace {

bool isWide(char32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Control characters (a newline in a description) would break the layout: show them as spaces.
QString oneLine(QString text)
{
    for (QChar& c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    return text;
}

} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers)), m_align(m_headers.size(), Align::Left)
{
}

void TextTable::setAlign(int column, Align align)
{
    if (column >= 0 && column < m_align.size())
        m_align[column] = align;
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    for (QString& c : cells)
        c = oneLine(c);
    m_rows.append(std::move(cells));
}

int TextTable::displayWidth(const QString& text)
{
    int width = 0;
    for (const char32_t c : text.toUcs4()) {
        const QChar::Category cat = QChar::category(c);
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing || cat == QChar::Other_Format)
            continue;
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

QString TextTable::render() const
{
    const qsizetype columns = m_headers.size();
    QList<int> widths(columns, 0);
    for (qsizetype c = 0; c < columns; ++c) {
        widths[c] = displayWidth(m_headers.at(c));
        for (const auto& row : m_rows)
            widths[c] = std::max(widths[c], displayWidth(row.at(c)));
    }
    auto line = [&](const QStringList& cells) {
        QString out;
        for (qsizetype c = 0; c < columns; ++c) {
            const QString& cell = cells.at(c);
            const QString pad(widths[c] - displayWidth(cell), QLatin1Char(' '));
            if (c > 0)
                out += QStringLiteral("  ");
            out += m_align[c] == Align::Right ? pad + cell : cell + pad;
        }
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        return out + QLatin1Char('\n');
    };
    QString out = line(m_headers);
    QStringList rules;
    for (int w : widths)
        rules.append(QString(w, QLatin1Char('-')));
    out += line(rules);
    for (const auto& row : m_rows)
        out += line(row);
    return out;
}

} // namespace segctl
