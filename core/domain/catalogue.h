#pragma once

#include "common/result.h"
#include "domain/dimension.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>

namespace core {

// The values a condition may use: age buckets, genders, ISO countries and regions, the
// interest taxonomy, devices and event types. Loaded once from JSON data files and then
// shared read-only (std::shared_ptr<const Catalogue>).
class Catalogue
{
public:
    struct Entry
    {
        QString value;  // stored value: "18-24", "US", "US-CA", "sports.soccer", "mobile"
        QString label;  // shown to people: "18–24", "United States", "California", "Soccer"
        QString parent; // region → country code; interest → parent interest id; else empty
    };

    // Reads dimensions.json, countries.json and interests.json from dir (":/catalogue" is
    // the copy compiled into the app).
    static Result<std::shared_ptr<const Catalogue>> load(const QString& dir = QStringLiteral(":/catalogue"));

    const QList<Entry>& entries(Dimension dimension) const;
    QStringList values(Dimension dimension) const;
    bool contains(Dimension dimension, const QString& value) const;
    const Entry* find(Dimension dimension, const QString& value) const;

    // "United States", "California (US)", "Sports › Soccer", "Connected TV"; the value itself when unknown.
    QString label(Dimension dimension, const QString& value) const;
    QStringList regionsOf(const QString& countryCode) const;
    // Interest ids below the given one (children, grandchildren, ...).
    QStringList interestDescendants(const QString& interestId) const;

    const QStringList& eventTypes() const { return m_eventTypes; }
    QString eventLabel(const QString& eventType) const;

private:
    QHash<Dimension, QList<Entry>> m_entries;
    QHash<Dimension, QHash<QString, qsizetype>> m_index;
    QStringList m_eventTypes;
    QHash<QString, QString> m_labels;

    void add(Dimension dimension, Entry entry);
};

} // namespace core
