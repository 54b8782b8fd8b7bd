#include "activation/audience_preflight.h"

#include <QLocale>

#include <algorithm>

namespace core {

namespace {

QString count(qint64 n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

double percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

QString percent(double p)
{
    return QStringLiteral("%1 %").arg(p, 0, 'f', 1);
}

// What a row needs to match a person on the platform (audienceRowCanMatch).
QString matchNeeds(AudiencePlatform platform)
{
    return platform == AudiencePlatform::Google ? QStringLiteral("an e-mail, a phone, or a name with country and zip")
                                                : QStringLiteral("an e-mail, a phone, or a first and last name");
}

QString people(qint64 n)
{
    return n == 1 ? QStringLiteral("1 person") : QStringLiteral("%1 people").arg(count(n));
}

} // namespace

QString preflightSeverityName(AudiencePreflight::Severity severity)
{
    switch (severity) {
    case AudiencePreflight::Severity::Note: return QStringLiteral("note");
    case AudiencePreflight::Severity::Advice: return QStringLiteral("advice");
    case AudiencePreflight::Severity::Blocking: return QStringLiteral("blocking");
    }
    return {};
}

bool AudiencePreflight::blocked() const
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding& f) { return f.severity == Severity::Blocking; });
}

qint64 AudiencePreflight::valuesLeftOut() const
{
    qint64 total = 0;
    for (const LeftOut& l : leftOut)
        total += l.count;
    return total;
}

QStringList AudiencePreflight::lines() const
{
    QStringList out;
    out.append(QStringLiteral("%1 audience — rules: %2").arg(audiencePlatformName(platform), rules));
    out.append(QStringLiteral("Members:                %1").arg(count(members)));
    out.append(QStringLiteral("With identifiers:       %1 (%2)")
                   .arg(count(membersWithIdentifiers), percent(percentOf(membersWithIdentifiers, members))));
    out.append(QStringLiteral("Can be matched (rows):  %1 (%2)")
                   .arg(count(matchableMembers), percent(percentOf(matchableMembers, members))));
    out.append(QStringLiteral("Coverage per key:"));
    qsizetype width = 0;
    for (const KeyCoverage& k : coverage)
        width = std::max(width, k.column.size());
    for (const KeyCoverage& k : coverage)
        out.append(QStringLiteral("  %1  %2 (%3)")
                       .arg(k.column.leftJustified(width), count(k.values).rightJustified(9), percent(k.percent)));
    if (leftOut.isEmpty()) {
        out.append(QStringLiteral("Values left out: none"));
    } else {
        out.append(QStringLiteral("Values left out (never sent as they were): %1").arg(count(valuesLeftOut())));
        for (const LeftOut& l : leftOut)
            out.append(QStringLiteral("  %1: %2 — %3").arg(l.column, dropReasonText(l.reason), count(l.count)));
    }
    for (const Finding& f : findings) {
        const QString label = f.severity == Severity::Blocking ? QStringLiteral("Blocking")
                              : f.severity == Severity::Advice ? QStringLiteral("Advice")
                                                               : QStringLiteral("Note");
        out.append(QStringLiteral("%1: %2").arg(label, f.message));
    }
    return out;
}

AudiencePreflightBuilder::AudiencePreflightBuilder(const RuleProfile& profile)
    : m_platform(profile.platform), m_rules(profile.describe()), m_columns(profile.columns())
{
    m_values.fill(0, m_columns.size());
    m_dropped.fill(0, m_columns.size() * kDropReasonCount);
}

void AudiencePreflightBuilder::add(const NormalisedMember& member)
{
    ++m_withIdentifiers;
    if (!member.usable) {
        // Nothing of theirs is sent, so no key counts them; what was dropped still does.
        for (const DroppedValue& d : member.dropped)
            ++m_dropped[d.column * kDropReasonCount + static_cast<int>(d.reason)];
        return;
    }
    ++m_matchable;
    const qsizetype n = std::min(member.row.values.size(), m_values.size());
    for (qsizetype c = 0; c < n; ++c)
        if (!member.row.values.at(c).isEmpty())
            ++m_values[c];
    for (const DroppedValue& d : member.dropped)
        ++m_dropped[d.column * kDropReasonCount + static_cast<int>(d.reason)];
}

void AudiencePreflightBuilder::merge(const AudiencePreflightBuilder& other)
{
    m_withIdentifiers += other.m_withIdentifiers;
    m_matchable += other.m_matchable;
    for (qsizetype i = 0; i < m_values.size() && i < other.m_values.size(); ++i)
        m_values[i] += other.m_values.at(i);
    for (qsizetype i = 0; i < m_dropped.size() && i < other.m_dropped.size(); ++i)
        m_dropped[i] += other.m_dropped.at(i);
}

AudiencePreflight AudiencePreflightBuilder::build(qint64 members) const
{
    AudiencePreflight p;
    p.platform = m_platform;
    p.rules = m_rules;
    p.members = members;
    p.membersWithIdentifiers = m_withIdentifiers;
    p.matchableMembers = m_matchable;
    for (qsizetype c = 0; c < m_columns.size(); ++c)
        p.coverage.append({m_columns.at(c), m_values.at(c), percentOf(m_values.at(c), members)});
    for (qsizetype c = 0; c < m_columns.size(); ++c)
        for (int r = 0; r < kDropReasonCount; ++r)
            if (const qint64 n = m_dropped.at(c * kDropReasonCount + r); n > 0)
                p.leftOut.append({m_columns.at(c), static_cast<DropReason>(r), n});
    std::stable_sort(p.leftOut.begin(), p.leftOut.end(),
                     [](const AudiencePreflight::LeftOut& a, const AudiencePreflight::LeftOut& b) { return a.count > b.count; });

    using Severity = AudiencePreflight::Severity;
    const QString platform = audiencePlatformName(m_platform);
    if (m_matchable < AudiencePreflight::kBlockingMinimum) {
        p.findings.append(
            {Severity::Blocking, QStringLiteral("too_few_members"),
             QStringLiteral("Only %1 of the segment's %2 members can be matched (%3). %4 needs at least %5 to use an "
                            "audience: widen the segment or add identifiers.")
                 .arg(count(m_matchable), count(members), matchNeeds(m_platform), platform,
                      count(AudiencePreflight::kBlockingMinimum))});
    } else if (m_matchable < AudiencePreflight::kAdvisedMinimum) {
        p.findings.append(
            {Severity::Advice, QStringLiteral("small_audience"),
             QStringLiteral("%1 can be matched. %2 matches only part of a list, and audiences under %3 people often "
                            "deliver poorly: consider widening the segment.")
                 .arg(people(m_matchable), platform, count(AudiencePreflight::kAdvisedMinimum))});
    }
    if (members > m_withIdentifiers)
        p.findings.append({Severity::Note, QStringLiteral("no_identifiers"),
                           QStringLiteral("%1 of the members (%2) have no identifiers on file and are left out.")
                               .arg(count(members - m_withIdentifiers),
                                    percent(percentOf(members - m_withIdentifiers, members)))});
    if (m_withIdentifiers > m_matchable)
        p.findings.append({Severity::Note, QStringLiteral("nothing_to_match"),
                           QStringLiteral("%1 with identifiers %2 nothing %3 can match (%4) and %5 left out.")
                               .arg(people(m_withIdentifiers - m_matchable),
                                    m_withIdentifiers - m_matchable == 1 ? QStringLiteral("has") : QStringLiteral("have"),
                                    platform, matchNeeds(m_platform),
                                    m_withIdentifiers - m_matchable == 1 ? QStringLiteral("is") : QStringLiteral("are"))});
    if (!p.leftOut.isEmpty()) {
        const AudiencePreflight::LeftOut& top = p.leftOut.first();
        p.findings.append({Severity::Note, QStringLiteral("values_left_out"),
                           QStringLiteral("%1 could not be used and %2 left out, never sent as %3; most often %4: %5 (%6).")
                               .arg(p.valuesLeftOut() == 1 ? QStringLiteral("1 value")
                                                           : QStringLiteral("%1 values").arg(count(p.valuesLeftOut())),
                                    p.valuesLeftOut() == 1 ? QStringLiteral("was") : QStringLiteral("were"),
                                    p.valuesLeftOut() == 1 ? QStringLiteral("it was") : QStringLiteral("they were"),
                                    top.column, dropReasonText(top.reason), count(top.count))});
    }
    return p;
}

} // namespace core
