#include "activation/audience_normaliser.h"

#include "activation/sha256_hex.h"

#include <QDate>

namespace core {

namespace {

bool isBlank(QStringView text)
{
    for (const QChar c : text)
        if (!c.isSpace())
            return false;
    return true;
}

bool isAscii(QStringView text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

} // namespace

AudienceNormaliser::AudienceNormaliser(RuleProfile profile, int currentYear)
    : m_profile(std::move(profile)), m_currentYear(currentYear > 0 ? currentYear : QDate::currentDate().year())
{
}

Result<AudienceNormaliser> AudienceNormaliser::forPlatform(AudiencePlatform platform)
{
    Result<RuleProfile> profile = RuleProfile::load(platform);
    if (!profile)
        return profile.error();
    return AudienceNormaliser(std::move(profile).value());
}

AudienceNormaliser::Value AudienceNormaliser::apply(int column, QString text, QStringView isoCountry, bool hash) const
{
    if (column < 0 || column >= m_profile.keys.size() || isBlank(text))
        return {};
    const RuleKey& key = m_profile.keys.at(column);
    // One spelling per text: "José" typed with a combining accent hashes like the precomposed one.
    if (!isAscii(text))
        text = text.normalized(QString::NormalizationForm_C);
    const OperationContext context{isoCountry, m_currentYear};
    for (const NormalisationOperation op : key.operations)
        if (const std::optional<DropReason> reason = applyNormalisationOperation(op, text, context))
            return {QString(), reason};
    if (text.isEmpty())
        return {QString(), DropReason::NothingLeft};
    if (hash && key.hashed)
        text = Sha256Hex::of(text);
    return {std::move(text), std::nullopt};
}

AudienceNormaliser::Value AudienceNormaliser::value(int column, QStringView raw, QStringView country) const
{
    return apply(column, raw.toString(), isoCountryCode(country), true);
}

AudienceNormaliser::Value AudienceNormaliser::normalisedText(int column, QStringView raw, QStringView country) const
{
    return apply(column, raw.toString(), isoCountryCode(country), false);
}

NormalisedMember AudienceNormaliser::normalise(const CustomerIdentifiers& person) const
{
    NormalisedMember out;
    out.row.userId = person.userId;
    const QString country = isoCountryCode(person.country);
    const qsizetype columns = m_profile.keys.size();
    out.row.values.reserve(columns);
    bool identifying = false;
    for (int c = 0; c < columns; ++c) {
        const RuleKey& key = m_profile.keys.at(c);
        Value v = apply(c, identifierValue(person, key.field), country, true);
        if (v.dropped)
            out.dropped.append({c, *v.dropped});
        else if (key.identifies && !v.text.isEmpty())
            identifying = true;
        out.row.values.append(std::move(v.text));
    }
    out.usable = identifying && audienceRowCanMatch(m_profile.platform, out.row.values);
    return out;
}

} // namespace core
