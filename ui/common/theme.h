#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

#include <optional>

namespace ui {

// The app's colours by what they mean, in a light and a dark variant, chosen by how dark the
// application palette is, so every view reads well in either. Nothing in ui/ writes a colour
// literal for text or a background: it asks Theme (a test checks).
//   apply() sets the palette: Light and Dark use the Fusion style with the app's palettes;
//   System keeps the platform's style and palette (a dark desktop gives the dark variants).
class Theme
{
public:
    enum class Choice { System, Light, Dark };
    enum class Role {
        ErrorText,         // a failure, a refused value
        SuccessText,       // done, healthy
        InfoText,          // neutral news
        WarningText,       // degraded, needs a look
        MutedText,         // hints, secondary figures
        AccentText,        // the figure that matters (reach)
        StaleAccentText,   // that figure while it is being recomputed
        ChipBackground,    // a chosen value in a picker
        ChipBorder,
        ChipHoverBackground,
        ChipFocusBorder,
        BadChipBackground, // a chosen value that is no longer valid
        BadChipBorder,
        NoteBackground,    // a boxed note (read-only criteria)
        NoteBorder,
        NoteText,
        DiffBackground,    // a table cell that differs between segments
        Gridline,
        Unknown,           // state not known yet
    };

    static void apply(Choice choice);
    static Choice current();
    static std::optional<Choice> parse(const QString& text); // "system", "light", "dark"
    static QString name(Choice choice);

    // True when the application palette's window is dark.
    static bool isDark();
    static QColor color(Role role);
    // "#rrggbb", for style sheets and rich text.
    static QString css(Role role);
    // The icon resources/icons/<name>.svg; in a dark palette its dark strokes are drawn light.
    static QIcon icon(const QString& name);
};

} // namespace ui
