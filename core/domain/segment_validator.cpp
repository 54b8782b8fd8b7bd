#include "domain/segment_validator.h"

namespace core {

SegmentValidator::SegmentResolver SegmentValidator::resolverOf(const QList<Segment>& segments)
{
    QHash<QString, Definition> live;
    for (const auto& s : segments) {
        if (!s.isDeleted())
            live.insert(s.id, s.definition);
    }
    return [live](const QString& id) -> std::optional<Definition> {
        auto it = live.constFind(id);
        if (it == live.cend())
            return std::nullopt;
        return *it;
    };
}

namespace {

QString article(Dimension d)
{
    switch (d) {
    case Dimension::Age: return QStringLiteral("an age range");
    case Dimension::Gender: return QStringLiteral("a gender");
    case Dimension::Country: return QStringLiteral("a country");
    case Dimension::Region: return QStringLiteral("a region");
    case Dimension::Interest: return QStringLiteral("an interest");
    case Dimension::Device: return QStringLiteral("a device");
    }
    return {};
}

QString unknownValueMessage(Dimension d, const QString& value)
{
    switch (d) {
    case Dimension::Age:
        return QStringLiteral("“%1” is not an age range; use 18-24, 25-34, 35-44, 45-54, 55-64 or 65+.").arg(value);
    case Dimension::Gender: return QStringLiteral("“%1” is not a gender; use female, male or unknown.").arg(value);
    case Dimension::Country:
        return QStringLiteral("“%1” is not an ISO country code (two capital letters, e.g. US).").arg(value);
    case Dimension::Region:
        return QStringLiteral("“%1” is not a known ISO region code (e.g. US-CA).").arg(value);
    case Dimension::Interest: return QStringLiteral("“%1” is not in the interest catalogue.").arg(value);
    case Dimension::Device:
        return QStringLiteral("“%1” is not a device; use desktop, mobile, tablet or ctv.").arg(value);
    }
    return {};
}

} // namespace

SegmentValidator::SegmentValidator(std::shared_ptr<const Catalogue> catalogue) : m_catalogue(std::move(catalogue)) {}

bool SegmentValidator::hasControlCharacters(const QString& text, bool allowNewlines)
{
    for (QChar c : text) {
        if (allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\t') || c == QLatin1Char('\r')))
            continue;
        if (c.category() == QChar::Other_Control || c == QChar(0x2028) || c == QChar(0x2029))
            return true;
    }
    return false;
}

QString SegmentValidator::nameKey(const QString& name) { return name.trimmed().toCaseFolded(); }

ValidationIssues SegmentValidator::validateName(const QString& name, const QSet<QString>& takenNames) const
{
    ValidationIssues out;
    const QString trimmed = name.trimmed();
    const QString field = QStringLiteral("name");
    if (trimmed.isEmpty())
        out.append({field, QStringLiteral("name_required"), QStringLiteral("Give the segment a name.")});
    else if (trimmed.size() > kMaxNameLength)
        out.append({field, QStringLiteral("name_too_long"),
                    QStringLiteral("The name is %1 characters long; keep it to %2 or fewer.")
                        .arg(trimmed.size())
                        .arg(kMaxNameLength)});
    if (hasControlCharacters(name, false))
        out.append({field, QStringLiteral("name_control_characters"),
                    QStringLiteral("The name contains a line break, tab or other invisible control character; "
                                   "remove it.")});
    if (!trimmed.isEmpty() && takenNames.contains(nameKey(name)))
        out.append({field, QStringLiteral("name_taken"),
                    QStringLiteral("This advertiser already has a segment called “%1” (names ignore case).")
                        .arg(trimmed)});
    return out;
}

ValidationIssues SegmentValidator::validate(const Segment& segment, const QSet<QString>& takenNames,
                                            const SegmentResolver& resolver) const
{
    ValidationIssues out;
    if (segment.advertiserId.trimmed().isEmpty())
        out.append({QStringLiteral("advertiser"), QStringLiteral("advertiser_required"),
                    QStringLiteral("Choose the advertiser this segment belongs to.")});
    out.append(validateName(segment.name, takenNames));
    if (segment.description.size() > kMaxDescriptionLength)
        out.append({QStringLiteral("description"), QStringLiteral("description_too_long"),
                    QStringLiteral("The description is %1 characters long; keep it to %2 or fewer.")
                        .arg(segment.description.size())
                        .arg(kMaxDescriptionLength)});
    if (hasControlCharacters(segment.description, true))
        out.append({QStringLiteral("description"), QStringLiteral("description_control_characters"),
                    QStringLiteral("The description contains an invisible control character; remove it.")});
    out.append(validateDefinition(segment.definition, segment.id, resolver));
    return out;
}

ValidationIssues SegmentValidator::validateDefinition(const Definition& definition, const QString& selfId,
                                                      const SegmentResolver& resolver) const
{
    ValidationIssues out;
    if (definition.isEmpty()) {
        out.append({QStringLiteral("definition"), QStringLiteral("definition_empty"),
                    QStringLiteral("Choose at least one criterion: an age range, gender, country, interest, "
                                   "device, behaviour or segment.")});
        return out;
    }
    checkNode(definition.root(), QStringLiteral("definition.root"), selfId, resolver, out);
    checkRegionsAgainstCountries(definition.root(), out);
    return out;
}

void SegmentValidator::checkNode(const DefinitionNode& node, const QString& path, const QString& selfId,
                                 const SegmentResolver& resolver, ValidationIssues& out) const
{
    switch (node.kind) {
    case NodeKind::And:
    case NodeKind::Or:
        if (node.children.empty() && path != QLatin1String("definition.root"))
            out.append({path, QStringLiteral("group_empty"),
                        QStringLiteral("This group of conditions is empty; add a condition or remove it.")});
        break;
    case NodeKind::Not:
        if (node.children.size() != 1)
            out.append({path, QStringLiteral("not_arity"),
                        QStringLiteral("An exclusion must wrap exactly one condition.")});
        break;
    case NodeKind::Condition: checkCondition(node, path, out); break;
    case NodeKind::Behaviour: checkBehaviour(node.behaviour, path, out); break;
    case NodeKind::SegmentRef: {
        const QString id = node.segmentId.trimmed();
        if (id.isEmpty()) {
            out.append({path, QStringLiteral("segment_ref_blank"), QStringLiteral("Choose a segment.")});
        } else if (!selfId.isEmpty() && id == selfId) {
            out.append({path, QStringLiteral("segment_cycle"),
                        QStringLiteral("A segment cannot include or exclude itself.")});
        } else if (resolver) {
            if (!resolver(id)) {
                out.append({path, QStringLiteral("segment_ref_unknown"),
                            QStringLiteral("The referenced segment no longer exists (id %1).").arg(id)});
            } else if (!selfId.isEmpty()) {
                QSet<QString> visited;
                if (reaches(id, selfId, resolver, visited))
                    out.append({path, QStringLiteral("segment_cycle"),
                                QStringLiteral("This would create a loop: the referenced segment already "
                                               "depends on this one.")});
            }
        }
        break;
    }
    }
    for (std::size_t i = 0; i < node.children.size(); ++i)
        checkNode(node.children[i], QStringLiteral("%1.children[%2]").arg(path).arg(i), selfId, resolver, out);
}

bool SegmentValidator::reaches(const QString& fromId, const QString& targetId, const SegmentResolver& resolver,
                               QSet<QString>& visited) const
{
    if (fromId == targetId)
        return true;
    if (visited.contains(fromId))
        return false;
    visited.insert(fromId);
    const auto def = resolver(fromId);
    if (!def)
        return false;
    for (const QString& next : def->referencedSegments()) {
        if (reaches(next, targetId, resolver, visited))
            return true;
    }
    return false;
}

void SegmentValidator::checkCondition(const DefinitionNode& node, const QString& path, ValidationIssues& out) const
{
    const Dimension d = node.dimension;
    if (node.values.isEmpty()) {
        out.append({path + QStringLiteral(".values"), QStringLiteral("values_empty"),
                    QStringLiteral("Pick at least %1, or remove this condition.").arg(article(d))});
        return;
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < node.values.size(); ++i) {
        const QString& v = node.values.at(i);
        const QString vpath = QStringLiteral("%1.values[%2]").arg(path).arg(i);
        if (v.trimmed().isEmpty()) {
            out.append({vpath, QStringLiteral("value_blank"),
                        QStringLiteral("%1 has an empty entry; remove it.").arg(dimensionLabel(d))});
            continue;
        }
        if (seen.contains(v)) {
            out.append({vpath, QStringLiteral("value_duplicate"),
                        QStringLiteral("“%1” is listed twice under %2.").arg(v, dimensionLabel(d))});
            continue;
        }
        seen.insert(v);
        if (!m_catalogue->contains(d, v))
            out.append({vpath, QStringLiteral("value_unknown"), unknownValueMessage(d, v)});
    }
}

void SegmentValidator::checkBehaviour(const BehaviourRule& rule, const QString& path, ValidationIssues& out) const
{
    if (!m_catalogue->eventTypes().contains(rule.eventType))
        out.append({path + QStringLiteral(".event"), QStringLiteral("behaviour_event_unknown"),
                    QStringLiteral("“%1” is not an event type; use %2.")
                        .arg(rule.eventType, m_catalogue->eventTypes().join(QStringLiteral(", ")))});
    if (rule.minCount < 1 || rule.minCount > kMaxBehaviourCount)
        out.append({path + QStringLiteral(".min_count"), QStringLiteral("behaviour_count_range"),
                    QStringLiteral("The number of events must be between 1 and %1.").arg(kMaxBehaviourCount)});
    if (rule.days < 1 || rule.days > kMaxBehaviourDays)
        out.append({path + QStringLiteral(".days"), QStringLiteral("behaviour_days_range"),
                    QStringLiteral("The time window must be between 1 and %1 days.").arg(kMaxBehaviourDays)});
}

void SegmentValidator::checkRegionsAgainstCountries(const DefinitionNode& root, ValidationIssues& out) const
{
    // At the top level of an AND, regions outside every chosen country can never match.
    if (root.kind != NodeKind::And)
        return;
    const DefinitionNode* countries = nullptr;
    qsizetype regionIndex = -1;
    for (std::size_t i = 0; i < root.children.size(); ++i) {
        const auto& c = root.children[i];
        if (c.kind != NodeKind::Condition)
            continue;
        if (c.dimension == Dimension::Country)
            countries = &c;
        else if (c.dimension == Dimension::Region)
            regionIndex = static_cast<qsizetype>(i);
    }
    if (!countries || regionIndex < 0)
        return;
    const auto& regions = root.children[static_cast<std::size_t>(regionIndex)];
    for (qsizetype i = 0; i < regions.values.size(); ++i) {
        const auto* entry = m_catalogue->find(Dimension::Region, regions.values.at(i));
        if (entry && !countries->values.contains(entry->parent))
            out.append({QStringLiteral("definition.root.children[%1].values[%2]").arg(regionIndex).arg(i),
                        QStringLiteral("region_outside_countries"),
                        QStringLiteral("%1 is in %2, which is not among the chosen countries, so it can never "
                                       "match.")
                            .arg(entry->label, m_catalogue->label(Dimension::Country, entry->parent))});
    }
}

} // namespace core
