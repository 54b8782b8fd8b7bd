#include "analytics/definition_diff.h"

#include <optional>

#include <QSet>

#include "domain/definition_describer.h"
#include "domain/simple_definition.h"

namespace core {

bool DefinitionDiff::identical() const
{
    return std::none_of(rows.begin(), rows.end(), [](const DefinitionDiffRow& r) { return r.differs; });
}

DefinitionDiffer::DefinitionDiffer(std::shared_ptr<const Catalogue> catalogue, SegmentNamer namer)
    : m_catalogue(std::move(catalogue)), m_namer(std::move(namer))
{
}

namespace {

// A field's values for one segment, before sharing is known.
using Values = QList<DefinitionDiffValue>;

struct Field
{
    QString key;
    QString label;
    QString emptyText;
    std::function<Values(const std::optional<SimpleDefinition>&, const Definition&)> valuesOf;
};

QString behaviourKey(const BehaviourRule& rule)
{
    return QStringLiteral("%1:%2:%3").arg(rule.eventType).arg(rule.minCount).arg(rule.days);
}

} // namespace

DefinitionDiff DefinitionDiffer::diff(const QList<Definition>& definitions) const
{
    const DefinitionDescriber describer(m_catalogue, m_namer);
    auto segmentName = [this](const QString& id) {
        const QString name = m_namer ? m_namer(id) : QString();
        return name.isEmpty() ? id : name;
    };
    auto dimensionValues = [this](const std::map<Dimension, QStringList>& lists, Dimension d) {
        Values out;
        if (auto it = lists.find(d); it != lists.end()) {
            for (const auto& v : it->second)
                out.append({v, m_catalogue->label(d, v), false});
        }
        return out;
    };
    auto segmentValues = [&](const QStringList& ids) {
        Values out;
        for (const auto& id : ids)
            out.append({id, segmentName(id), false});
        return out;
    };

    QList<Field> fields;
    for (Dimension d : kAllDimensions) {
        fields.append({QStringLiteral("include.") + dimensionKey(d), dimensionLabel(d), QStringLiteral("Any"),
                       [=](const std::optional<SimpleDefinition>& s, const Definition&) {
                           return s ? dimensionValues(s->include, d) : Values{};
                       }});
    }
    fields.append({QStringLiteral("behaviour"), QStringLiteral("Behaviour"), QStringLiteral("None"),
                   [&](const std::optional<SimpleDefinition>& s, const Definition&) {
                       Values out;
                       if (s) {
                           for (const auto& rule : s->behaviours)
                               out.append({behaviourKey(rule),
                                           describer.describe(DefinitionNode::behaviourRule(rule)), false});
                       }
                       return out;
                   }});
    fields.append({QStringLiteral("include.segments"), QStringLiteral("In segment"), QStringLiteral("None"),
                   [&](const std::optional<SimpleDefinition>& s, const Definition&) {
                       return s ? segmentValues(s->includeSegments) : Values{};
                   }});
    for (Dimension d : kAllDimensions) {
        fields.append({QStringLiteral("exclude.") + dimensionKey(d),
                       QStringLiteral("Excluding ") + dimensionLabel(d).toLower(), QStringLiteral("None"),
                       [=](const std::optional<SimpleDefinition>& s, const Definition&) {
                           return s ? dimensionValues(s->exclude, d) : Values{};
                       }});
    }
    fields.append({QStringLiteral("exclude.segments"), QStringLiteral("Excluding segments"),
                   QStringLiteral("None"), [&](const std::optional<SimpleDefinition>& s, const Definition&) {
                       return s ? segmentValues(s->excludeSegments) : Values{};
                   }});
    fields.append({QStringLiteral("other"), QStringLiteral("Other conditions"), QStringLiteral("None"),
                   [&](const std::optional<SimpleDefinition>& s, const Definition& d) {
                       if (s)
                           return Values{};
                       return Values{{QString::fromUtf8(d.toCanonicalJson()), describer.describe(d), false}};
                   }});

    QList<std::optional<SimpleDefinition>> simple;
    for (const auto& d : definitions)
        simple.append(SimpleDefinition::fromDefinition(d));

    DefinitionDiff out;
    for (const auto& field : fields) {
        QList<Values> perSegment;
        bool any = false;
        for (qsizetype i = 0; i < definitions.size(); ++i) {
            perSegment.append(field.valuesOf(simple[i], definitions[i]));
            any = any || !perSegment.last().isEmpty();
        }
        if (!any)
            continue;
        QList<QSet<QString>> sets;
        for (const auto& values : perSegment) {
            QSet<QString> set;
            for (const auto& v : values)
                set.insert(v.value);
            sets.append(set);
        }
        DefinitionDiffRow row;
        row.field = field.key;
        row.label = field.label;
        for (qsizetype i = 0; i < perSegment.size(); ++i) {
            DefinitionDiffCell cell;
            QStringList labels;
            for (auto v : perSegment[i]) {
                v.shared = std::all_of(sets.begin(), sets.end(),
                                       [&](const QSet<QString>& s) { return s.contains(v.value); });
                labels.append(v.label);
                cell.values.append(v);
            }
            cell.text = labels.isEmpty() ? field.emptyText : labels.join(QStringLiteral(", "));
            row.differs = row.differs || sets[i] != sets.front();
            row.cells.append(cell);
        }
        out.rows.append(row);
    }
    return out;
}

} // namespace core
