#pragma once

#include "domain/definition.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace core {

enum class SegmentStatus { Draft, Active, Archived };

QString segmentStatusKey(SegmentStatus status); // "draft", "active", "archived"
std::optional<SegmentStatus> segmentStatusFromKey(const QString& key);
QString segmentStatusLabel(SegmentStatus status); // "Draft", "Active", "Archived"

// An advertiser's audience segment, as stored. A plain value.
struct Segment
{
    QString id; // UUID without braces; empty until created
    QString advertiserId;
    QString name;
    QString description;
    SegmentStatus status = SegmentStatus::Draft;
    Definition definition;
    QString definitionHash;
    int version = 0; // 0 until created; +1 on every change
    QString createdBy;
    QDateTime createdAt; // UTC, millisecond precision
    QString updatedBy;
    QDateTime updatedAt;
    QDateTime deletedAt; // null unless soft-deleted

    bool isDeleted() const { return deletedAt.isValid(); }
    bool operator==(const Segment&) const = default;
};

// One stored version of a segment (every change is kept).
struct SegmentVersion
{
    QString segmentId;
    int version = 0;
    QString change; // "created", "updated", "deleted", "restored", "imported"
    QString name;
    QString description;
    SegmentStatus status = SegmentStatus::Draft;
    Definition definition;
    QString definitionHash;
    QString changedBy;
    QDateTime changedAt;
    QString changeKey; // the idempotency key of the change that made it (WriteOrigin), or empty
    bool operator==(const SegmentVersion&) const = default;
};

// An advertiser: who owns segments, and the currency its spend is in (ISO 4217, "USD" when none
// was given; validateCurrency says which codes are accepted).
struct Advertiser
{
    static constexpr const char* kDefaultCurrency = "USD";

    QString id;
    QString name;
    QString currency = QString::fromLatin1(kDefaultCurrency);

    // Validation error (code advertiser_currency_invalid) unless code is three letters A–Z.
    static Status validateCurrency(const QString& code);
    // The stored form: upper-cased and trimmed; USD when empty.
    static QString normaliseCurrency(const QString& code);
    bool operator==(const Advertiser&) const = default;
};

} // namespace core
