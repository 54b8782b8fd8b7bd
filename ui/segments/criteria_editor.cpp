#include "segments/criteria_editor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "segments/behaviour_rules_editor.h"
#include "common/form_style.h"

namespace ui {

namespace {

QString nounOf(core::Dimension d)
{
    switch (d) {
    case core::Dimension::Age:
        return QStringLiteral("age range");
    case core::Dimension::Gender:
        return QStringLiteral("gender");
    case core::Dimension::Country:
        return QStringLiteral("country");
    case core::Dimension::Region:
        return QStringLiteral("region");
    case core::Dimension::Interest:
        return QStringLiteral("interest");
    case core::Dimension::Device:
        return QStringLiteral("device");
    }
    return {};
}

QFormLayout* makeFormLayout()
{
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(10);
    return form;
}

} // namespace

CriteriaEditor::CriteriaEditor(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent)
    : QWidget(parent), m_catalogue(std::move(catalogue))
{
    m_generalIssue = makeIssueLabel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_generalIssue);
    layout->addWidget(buildIncludeSection());
    layout->addWidget(buildExcludeSection());
    updateRegionOptions();
}

CriteriaPicker* CriteriaEditor::makePicker(core::Dimension dimension)
{
    auto* picker = new CriteriaPicker(nounOf(dimension), this);
    if (dimension != core::Dimension::Region) {
        QList<CriteriaPicker::Option> options;
        for (const auto& e : m_catalogue->entries(dimension))
            options.append({e.value, m_catalogue->label(dimension, e.value)});
        picker->setOptions(options);
    }
    connect(picker, &CriteriaPicker::valuesChanged, this, &CriteriaEditor::changed);
    return picker;
}

QWidget* CriteriaEditor::buildIncludeSection()
{
    auto* section = new QWidget(this);
    auto* form = makeFormLayout();
    for (core::Dimension d : core::kAllDimensions) {
        m_include[d] = makePicker(d);
        m_include[d]->searchField()->setAccessibleName(tr("Include %1").arg(nounOf(d)));
        form->addRow(core::dimensionLabel(d) + QLatin1Char(':'), m_include[d]);
    }
    connect(m_include[core::Dimension::Country], &CriteriaPicker::valuesChanged, this,
            &CriteriaEditor::updateRegionOptions);

    m_behaviours = new BehaviourRulesEditor(m_catalogue, this);
    connect(m_behaviours, &BehaviourRulesEditor::changed, this, &CriteriaEditor::changed);
    form->addRow(tr("Behaviour:"), m_behaviours);

    m_includeSegments = new CriteriaPicker(tr("segment"), this);
    m_includeSegments->searchField()->setPlaceholderText(tr("Members of any of these segments…"));
    m_includeSegments->searchField()->setAccessibleName(tr("Include members of segment"));
    connect(m_includeSegments, &CriteriaPicker::valuesChanged, this, &CriteriaEditor::changed);
    form->addRow(tr("In segments:"), m_includeSegments);

    auto* box = new QVBoxLayout(section);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(6);
    box->addWidget(makeSectionHeader(tr("Include people who match"), section));
    box->addWidget(
        makeHint(tr("Every criterion you fill in must hold; within one criterion any of the values "
                    "counts. Leave a criterion empty to include everyone."),
                 section));
    box->addLayout(form);
    return section;
}

QWidget* CriteriaEditor::buildExcludeSection()
{
    auto* section = new QWidget(this);
    m_exclusionToggle = new QToolButton(section);
    m_exclusionToggle->setText(tr("Exclude people who match any of…"));
    m_exclusionToggle->setCheckable(true);
    m_exclusionToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exclusionToggle->setArrowType(Qt::RightArrow);
    m_exclusionToggle->setAutoRaise(true);
    m_exclusionToggle->setStyleSheet(
        QStringLiteral("QToolButton { border: none; background: transparent; }"));
    m_exclusionToggle->setToolTip(tr("Show or hide the exclusions"));
    QFont f = m_exclusionToggle->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    m_exclusionToggle->setFont(f);
    connect(m_exclusionToggle, &QToolButton::toggled, this, &CriteriaEditor::setExclusionsVisible);

    m_exclusionBody = new QWidget(section);
    auto* form = makeFormLayout();
    for (core::Dimension d : core::kAllDimensions) {
        m_exclude[d] = makePicker(d);
        m_exclude[d]->searchField()->setAccessibleName(tr("Exclude %1").arg(nounOf(d)));
        form->addRow(core::dimensionLabel(d) + QLatin1Char(':'), m_exclude[d]);
    }
    m_excludeSegments = new CriteriaPicker(tr("segment"), this);
    m_excludeSegments->searchField()->setPlaceholderText(tr("Members of any of these segments…"));
    m_excludeSegments->searchField()->setAccessibleName(tr("Exclude members of segment"));
    connect(m_excludeSegments, &CriteriaPicker::valuesChanged, this, &CriteriaEditor::changed);
    form->addRow(tr("In segments:"), m_excludeSegments);
    auto* bodyLayout = new QVBoxLayout(m_exclusionBody);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(
        makeHint(tr("Anyone matching at least one of these is removed from the segment."), m_exclusionBody));
    bodyLayout->addLayout(form);
    m_exclusionBody->hide();

    auto* box = new QVBoxLayout(section);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(6);
    box->addWidget(m_exclusionToggle, 0, Qt::AlignLeft);
    box->addWidget(m_exclusionBody);
    return section;
}

void CriteriaEditor::setExclusionsVisible(bool visible)
{
    m_exclusionToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    if (m_exclusionToggle->isChecked() != visible)
        m_exclusionToggle->setChecked(visible);
    m_exclusionBody->setVisible(visible);
}

void CriteriaEditor::updateRegionOptions()
{
    const QStringList countries = m_include.at(core::Dimension::Country)->values();
    QList<CriteriaPicker::Option> options;
    for (const auto& e : m_catalogue->entries(core::Dimension::Region)) {
        if (countries.isEmpty() || countries.contains(e.parent))
            options.append({e.value, m_catalogue->label(core::Dimension::Region, e.value)});
    }
    m_include.at(core::Dimension::Region)->setOptions(options);
    m_exclude.at(core::Dimension::Region)->setOptions(options);
}

core::SimpleDefinition CriteriaEditor::definition() const
{
    core::SimpleDefinition def;
    for (const auto& [d, picker] : m_include) {
        if (!picker->values().isEmpty())
            def.include[d] = picker->values();
    }
    for (const auto& [d, picker] : m_exclude) {
        if (!picker->values().isEmpty())
            def.exclude[d] = picker->values();
    }
    def.behaviours = m_behaviours->rules();
    def.includeSegments = m_includeSegments->values();
    def.excludeSegments = m_excludeSegments->values();
    return def;
}

void CriteriaEditor::setDefinition(const core::SimpleDefinition& definition)
{
    for (const auto& [d, picker] : m_include) {
        auto it = definition.include.find(d);
        picker->setValues(it == definition.include.end() ? QStringList() : it->second);
    }
    for (const auto& [d, picker] : m_exclude) {
        auto it = definition.exclude.find(d);
        picker->setValues(it == definition.exclude.end() ? QStringList() : it->second);
    }
    m_behaviours->setRules(definition.behaviours);
    m_includeSegments->setValues(definition.includeSegments);
    m_excludeSegments->setValues(definition.excludeSegments);
    updateRegionOptions();
    setExclusionsVisible(!definition.exclude.empty() || !definition.excludeSegments.isEmpty());
}

void CriteriaEditor::setSegmentOptions(const QList<CriteriaPicker::Option>& options)
{
    m_includeSegments->setOptions(options);
    m_excludeSegments->setOptions(options);
}

void CriteriaEditor::setIssues(const IssuesByField& issues)
{
    for (const auto& [d, picker] : m_include)
        picker->setIssues(issues.value(QStringLiteral("include.") + core::dimensionKey(d)));
    bool excludeIssues = false;
    for (const auto& [d, picker] : m_exclude) {
        const FieldIssues fi = issues.value(QStringLiteral("exclude.") + core::dimensionKey(d));
        excludeIssues = excludeIssues || !fi.messages.isEmpty();
        picker->setIssues(fi);
    }
    m_includeSegments->setIssues(issues.value(QStringLiteral("include.segments")));
    const FieldIssues exSeg = issues.value(QStringLiteral("exclude.segments"));
    excludeIssues = excludeIssues || !exSeg.messages.isEmpty();
    m_excludeSegments->setIssues(exSeg);
    if (excludeIssues)
        setExclusionsVisible(true);

    QHash<int, FieldIssues> behaviourIssues;
    for (auto it = issues.cbegin(); it != issues.cend(); ++it) {
        static const QString prefix = QStringLiteral("behaviour[");
        if (it.key().startsWith(prefix))
            behaviourIssues.insert(it.key().mid(prefix.size()).chopped(1).toInt(), it.value());
    }
    m_behaviours->setIssues(behaviourIssues);

    const QStringList general = issues.value(QStringLiteral("definition")).messages;
    m_generalIssue->setText(general.join(QLatin1Char('\n')));
    m_generalIssue->setVisible(!general.isEmpty());
}

QString CriteriaEditor::generalIssueText() const
{
    return m_generalIssue->isHidden() ? QString() : m_generalIssue->text();
}

} // namespace ui
