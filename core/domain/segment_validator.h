#pragma once

#include "domain/catalogue.h"
#include "domain/segment.h"
#include "domain/validation_issue.h"

#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace core {

// Checks a segment against the rules of product.md and returns every problem found,
// each attached to its field. Never throws, never changes anything.
class SegmentValidator
{
public:
    static constexpr int kMaxNameLength = 100;
    static constexpr int kMaxDescriptionLength = 2000;
    static constexpr int kMaxBehaviourDays = 365;
    static constexpr int kMaxBehaviourCount = 10000;

    // Looks up another segment's definition by id; nullopt when it does not exist.
    using SegmentResolver = std::function<std::optional<Definition>(const QString& segmentId)>;
    // Looks up the live (not deleted) segments of a list by id.
    static SegmentResolver resolverOf(const QList<Segment>& segments);

    explicit SegmentValidator(std::shared_ptr<const Catalogue> catalogue);

    // takenNames: lower-cased trimmed names of the advertiser's *other* live segments.
    ValidationIssues validate(const Segment& segment, const QSet<QString>& takenNames = {},
                              const SegmentResolver& resolver = {}) const;

    ValidationIssues validateName(const QString& name, const QSet<QString>& takenNames = {}) const;
    ValidationIssues validateDefinition(const Definition& definition, const QString& selfId = {},
                                        const SegmentResolver& resolver = {}) const;

    // The form of a name used for the uniqueness rule: trimmed and case-folded.
    static QString nameKey(const QString& name);
    // True when text holds a control character (or a line/paragraph separator); allowNewlines
    // lets \n, \r and \t through.
    static bool hasControlCharacters(const QString& text, bool allowNewlines);

private:
    std::shared_ptr<const Catalogue> m_catalogue;

    void checkNode(const DefinitionNode& node, const QString& path, const QString& selfId,
                   const SegmentResolver& resolver, ValidationIssues& out) const;
    void checkCondition(const DefinitionNode& node, const QString& path, ValidationIssues& out) const;
    void checkBehaviour(const BehaviourRule& rule, const QString& path, ValidationIssues& out) const;
    void checkRegionsAgainstCountries(const DefinitionNode& root, ValidationIssues& out) const;
    bool reaches(const QString& fromId, const QString& targetId, const SegmentResolver& resolver,
                 QSet<QString>& visited) const;
};

} // namespace core
