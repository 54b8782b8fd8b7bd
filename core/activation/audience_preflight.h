#pragma once

#include "activation/audience_normaliser.h"
#include "activation/normalisation_operation.h"
#include "activation/rule_profile.h"
#include "domain/audience.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace core {

// What an audience file (or a sync) of a segment would hold, told before anything is written or
// sent, in words for marketers: how many members, how many have identifiers, how many can be
// matched (the file's rows), how many carry each key, which values were left out and why, and
// whether the platform's minimums are met. Both platforms: fewer than 100 people who can be
// matched blocks (Google's eligibility minimum, Meta's advice), fewer than 1,000 is advised
// against (match rates are well below 100 %).
struct AudiencePreflight
{
    enum class Severity { Note, Advice, Blocking };
    struct Finding
    {
        Severity severity = Severity::Note;
        QString code;    // "too_few_members", "small_audience", "no_identifiers", "nothing_to_match", "values_left_out"
        QString message; // one or two sentences for a marketer
        bool operator==(const Finding&) const = default;
    };
    struct KeyCoverage
    {
        QString column;
        qint64 values = 0;    // members whose row carries this key
        double percent = 0.0; // of the members
        bool operator==(const KeyCoverage&) const = default;
    };
    struct LeftOut
    {
        QString column;
        DropReason reason = DropReason::NothingLeft;
        qint64 count = 0;
        bool operator==(const LeftOut&) const = default;
    };

    static constexpr qint64 kBlockingMinimum = 100;
    static constexpr qint64 kAdvisedMinimum = 1000;

    AudiencePlatform platform = AudiencePlatform::Google;
    QString rules;                     // the rule profile used, with its version and date
    qint64 members = 0;                // people in the segment (its reach)
    qint64 membersWithIdentifiers = 0; // of those, with a customer_identifiers row
    qint64 matchableMembers = 0;       // with a value that can match them: the rows sent
    QList<KeyCoverage> coverage;       // per column, in file order
    QList<LeftOut> leftOut;            // values left out, by column and reason, most first
    QList<Finding> findings;           // blocking first

    bool blocked() const;
    qint64 valuesLeftOut() const;
    // The pre-flight as text lines (the command line prints them; a panel may too).
    QStringList lines() const;
    bool operator==(const AudiencePreflight&) const = default;
};

QString preflightSeverityName(AudiencePreflight::Severity severity); // "note", "advice", "blocking"

// Counts normalised members into an AudiencePreflight. One builder per worker chunk, merged in
// any order (counts only).
class AudiencePreflightBuilder
{
public:
    explicit AudiencePreflightBuilder(const RuleProfile& profile);

    // One member who has a customer_identifiers row.
    void add(const NormalisedMember& member);
    void merge(const AudiencePreflightBuilder& other);
    // members: the segment's members, with or without identifiers.
    AudiencePreflight build(qint64 members) const;

private:
    AudiencePlatform m_platform;
    QString m_rules;
    QStringList m_columns;
    qint64 m_withIdentifiers = 0;
    qint64 m_matchable = 0;
    QList<qint64> m_values;  // per column
    QList<qint64> m_dropped; // per column × reason
};

} // namespace core
