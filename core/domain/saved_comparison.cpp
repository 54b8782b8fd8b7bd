#include "domain/saved_comparison.h"

#include "domain/segment_validator.h"

namespace core {

Status SavedComparison::validateName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::validation(QStringLiteral("comparison_name_required"),
                                 QStringLiteral("Give the comparison a name."));
    if (trimmed.size() > kMaxNameLength)
        return Error::validation(QStringLiteral("comparison_name_too_long"),
                                 QStringLiteral("The name is %1 characters long; keep it to %2 or fewer.")
                                     .arg(trimmed.size())
                                     .arg(kMaxNameLength));
    if (SegmentValidator::hasControlCharacters(name, false))
        return Error::validation(
            QStringLiteral("comparison_name_control_characters"),
            QStringLiteral("The name contains a line break, tab or other invisible control "
                           "character; remove it."));
    return success();
}

QString SavedComparison::nameKey(const QString& name)
{
    return SegmentValidator::nameKey(name);
}

} // namespace core
