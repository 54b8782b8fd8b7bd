#include "common/theme.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace ui {
namespace {

Theme::Choice g_choice = Theme::Choice::System;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1f, 0x20, 0x22);
    const QColor text(0xe8, 0xea, 0xed);
    const QColor disabled(0x80, 0x86, 0x8b);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::Mid, QColor(0x5f, 0x63, 0x68));
    p.setColor(QPalette::Dark, QColor(0x9a, 0xa0, 0xa6)); // "palette(dark)" is used for secondary text
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::HighlightedText, QColor(0x20, 0x21, 0x24));
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace

void Theme::apply(Choice choice)
{
    g_choice = choice;
    if (choice == Choice::System)
        return;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(choice == Choice::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

Theme::Choice Theme::current()
{
    return g_choice;
}

std::optional<Theme::Choice> Theme::parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("system"))
        return Choice::System;
    if (t == QLatin1String("light"))
        return Choice::Light;
    if (t == QLatin1String("dark"))
        return Choice::Dark;
    return std::nullopt;
}

QString Theme::name(Choice choice)
{
    switch (choice) {
    case Choice::System: return QStringLiteral("system");
    case Choice::Light: return QStringLiteral("light");
    case Choice::Dark: return QStringLiteral("dark");
    }
    return {};
}

bool Theme::isDark()
{
    return QApplication::palette().color(QPalette::Window).lightnessF() < 0.5;
}

QColor Theme::color(Role role)
{
    const bool dark = isDark();
    auto pick = [dark](QRgb light, QRgb night) { return QColor::fromRgb(dark ? night : light); };
    switch (role) {
    case Role::ErrorText: return pick(0xc62828, 0xf28b82);
    case Role::SuccessText: return pick(0x2e7d32, 0x81c995);
    case Role::InfoText: return pick(0x1565c0, 0x8ab4f8);
    case Role::WarningText: return pick(0xb06000, 0xfdd663);
    case Role::MutedText: return pick(0x5f6368, 0x9aa0a6);
    case Role::AccentText: return pick(0x174ea6, 0x8ab4f8);
    case Role::StaleAccentText: return pick(0x8ab4f8, 0x41618f);
    case Role::ChipBackground: return pick(0xe8f0fe, 0x28374f);
    case Role::ChipBorder: return pick(0xc6dafc, 0x3d5a85);
    case Role::ChipHoverBackground: return pick(0xd2e3fc, 0x33476a);
    case Role::ChipFocusBorder: return pick(0x1a73e8, 0x8ab4f8);
    case Role::BadChipBackground: return pick(0xfdecea, 0x4a2624);
    case Role::BadChipBorder: return pick(0xe57373, 0xb3261e);
    case Role::NoteBackground: return pick(0xfff8e1, 0x3d3420);
    case Role::NoteBorder: return pick(0xffe082, 0x7a6427);
    case Role::NoteText: return pick(0x5d4037, 0xfde293);
    case Role::DiffBackground: return pick(0xfff1b8, 0x4d4220);
    case Role::Gridline: return pick(0xe8eaed, 0x3c4043);
    case Role::Unknown: return pick(0x9e9e9e, 0x80868b);
    }
    return QColor(Qt::gray);
}

QString Theme::css(Role role)
{
    return color(role).name();
}

QIcon Theme::icon(const QString& name)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    if (!isDark())
        return QIcon(path);
    static QHash<QString, QIcon> drawn;
    if (auto it = drawn.constFind(name); it != drawn.constEnd())
        return it.value();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QIcon(path);
    // The line icons are drawn in #444444: on a dark window that is the window's text colour.
    QByteArray svg = file.readAll();
    svg.replace("#444444", QApplication::palette().color(QPalette::WindowText).name().toLatin1());
    QSvgRenderer renderer(svg);
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    drawn.insert(name, icon);
    return icon;
}

} // namespace ui
