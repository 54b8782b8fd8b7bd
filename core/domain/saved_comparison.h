#pragma once

#include <QDateTime>

#include "domain/comparison_request.h"

namespace core {

// A comparison kept under a name in the local workspace, to be opened again.
struct SavedComparison
{
    static constexpr int kMaxNameLength = 100;

    QString id; // UUID without braces; empty until saved
    QString name;
    ComparisonRequest request; // segments in display order, and the range (null: the default)
    QDateTime createdAt;       // UTC, millisecond precision
    QDateTime updatedAt;

    // Validation errors for an empty name (after trimming), one over 100 characters, or one with
    // control characters; codes comparison_name_required, _too_long, _control_characters.
    static Status validateName(const QString& name);
    // The form used for uniqueness: trimmed and case-folded ("Q4 Test" and "q4 test " collide).
    static QString nameKey(const QString& name);
    bool operator==(const SavedComparison&) const = default;
};

} // namespace core
