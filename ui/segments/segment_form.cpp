#include "segments/segment_form.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QIcon>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "segments/criteria_editor.h"
#include "domain/simple_definition.h"
#include "common/form_style.h"
#include "common/issue_router.h"
#include "common/theme.h"

namespace ui {

SegmentForm::SegmentForm(std::shared_ptr<const core::Catalogue> catalogue, QWidget* parent)
    : QWidget(parent), m_catalogue(catalogue), m_validator(catalogue)
{
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta = makeHint(QString(), this);
    m_generalIssue = makeIssueLabel(this);

    // Details
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Young sports fans in the US"));
    m_name->setAccessibleName(tr("Segment name"));
    m_name->setToolTip(tr("1–100 characters, unique for this advertiser (ignoring case)"));
    m_name->setMaxLength(1000); // the validator explains the real limit
    m_nameIssue = makeIssueLabel(this);

    m_description = new QPlainTextEdit(this);
    m_description->setPlaceholderText(tr("What is this segment for? (optional)"));
    m_description->setAccessibleName(tr("Segment description"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 14);
    m_descriptionIssue = makeIssueLabel(this);

    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Segment status"));
    m_status->setToolTip(tr("Draft: being built. Active: in use. Archived: kept for reference."));
    for (auto s : {core::SegmentStatus::Draft, core::SegmentStatus::Active, core::SegmentStatus::Archived})
        m_status->addItem(core::segmentStatusLabel(s), static_cast<int>(s));
    m_statusIssue = makeIssueLabel(this);

    auto* details = new QGroupBox(tr("Details"), this);
    m_details = details;
    auto* detailsForm = new QFormLayout(details);
    detailsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    detailsForm->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    detailsForm->setHorizontalSpacing(12);
    detailsForm->setVerticalSpacing(8);
    auto fieldWithIssue = [this](QWidget* field, QLabel* issue) {
        auto* w = new QWidget(this);
        auto* v = new QVBoxLayout(w);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(3);
        v->addWidget(field);
        v->addWidget(issue);
        w->setFocusProxy(field);
        return w;
    };
    // The label's buddy is the field itself: QLabel ignores a buddy's focus proxy, so a buddy
    // on the container would leave the mnemonic (Alt+N, ...) dead.
    auto addRow = [this, detailsForm, &fieldWithIssue](const QString& text, QWidget* field, QLabel* issue) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        detailsForm->addRow(label, fieldWithIssue(field, issue));
    };
    addRow(tr("&Name:"), m_name, m_nameIssue);
    addRow(tr("&Description:"), m_description, m_descriptionIssue);
    addRow(tr("S&tatus:"), m_status, m_statusIssue);

    // Criteria
    m_criteria = new CriteriaEditor(catalogue, this);
    m_json = new QPlainTextEdit(this);
    m_json->setReadOnly(true);
    m_json->setAccessibleName(tr("Definition as JSON (read-only)"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_json->setFont(mono);
    auto* jsonPage = new QWidget(this);
    auto* jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    auto* note =
        makeHint(tr("This segment's criteria use nested groups the form cannot show, so they are shown "
                    "read-only. You can still change the name, description and status; use "
                    "segctl to edit the criteria."),
                 jsonPage);
    note->setStyleSheet(QStringLiteral("background: %1; border: 1px solid %2; border-radius: 4px; padding: 6px; color: %3;")
                                .arg(Theme::css(Theme::Role::NoteBackground), Theme::css(Theme::Role::NoteBorder),
                                     Theme::css(Theme::Role::NoteText)));
    jsonLayout->addWidget(note);
    jsonLayout->addWidget(m_json, 1);
    m_definitionStack = new QStackedWidget(this);
    m_definitionStack->addWidget(m_criteria);
    m_definitionStack->addWidget(jsonPage);

    auto* criteriaBox = new QGroupBox(tr("Criteria"), this);
    m_criteriaBox = criteriaBox;
    auto* criteriaLayout = new QVBoxLayout(criteriaBox);
    criteriaLayout->addWidget(m_definitionStack);

    // Buttons
    m_save = new QPushButton(Theme::icon(QStringLiteral("save")), tr("Save"), this);
    m_save->setDefault(true);
    m_save->setToolTip(tr("Save the segment (Ctrl+S)"));
    m_revert = new QPushButton(tr("Discard changes"), this);
    m_revert->setToolTip(tr("Go back to the last saved version"));
    connect(m_save, &QPushButton::clicked, this, &SegmentForm::saveRequested);
    connect(m_revert, &QPushButton::clicked, this, &SegmentForm::revertRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    m_body = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(10);
    bodyLayout->addWidget(m_title);
    bodyLayout->addWidget(m_meta);
    bodyLayout->addWidget(m_generalIssue);
    bodyLayout->addWidget(details);
    bodyLayout->addWidget(criteriaBox);
    bodyLayout->addLayout(buttons);
    bodyLayout->addStretch(1);

    m_empty = new QLabel(tr("Select a segment on the left, or press Ctrl+N to create one."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: palette(dark); font-size: 13pt;"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addWidget(m_body);
    layout->addWidget(m_empty, 1);

    connect(m_name, &QLineEdit::textChanged, this, &SegmentForm::onEdited);
    connect(m_description, &QPlainTextEdit::textChanged, this, &SegmentForm::onEdited);
    connect(m_status, &QComboBox::currentIndexChanged, this, &SegmentForm::onEdited);
    connect(m_criteria, &CriteriaEditor::changed, this, &SegmentForm::onEdited);
    clear();
}

void SegmentForm::load(const core::Segment& segment)
{
    m_base = segment;
    m_active = true;
    fill(segment);
}

void SegmentForm::startNew(const QString& advertiserId)
{
    core::Segment fresh;
    fresh.advertiserId = advertiserId;
    load(fresh);
    m_name->setFocus();
}

void SegmentForm::clear()
{
    m_base = {};
    m_active = false;
    fill(m_base);
}

void SegmentForm::rebase(const core::Segment& stored)
{
    m_base = stored;
    m_touched = true;
    updateHeader();
    revalidate();
}

void SegmentForm::fill(const core::Segment& segment)
{
    m_filling = true;
    m_name->setText(segment.name);
    m_description->setPlainText(segment.description);
    m_status->setCurrentIndex(m_status->findData(static_cast<int>(segment.status)));
    const auto simple = core::SimpleDefinition::fromDefinition(segment.definition);
    m_readOnlyDefinition = !simple.has_value();
    if (simple) {
        m_criteria->setDefinition(*simple);
        m_definitionStack->setCurrentIndex(0);
    } else {
        m_criteria->setDefinition({});
        m_json->setPlainText(
            QString::fromUtf8(QJsonDocument(segment.definition.toJson()).toJson(QJsonDocument::Indented)));
        m_definitionStack->setCurrentIndex(1);
    }
    m_filling = false;
    m_touched = !segment.id.isEmpty();
    // A deleted segment is shown as it was; restore it to edit it.
    m_details->setEnabled(!segment.isDeleted());
    m_criteriaBox->setEnabled(!segment.isDeleted());
    m_body->setVisible(m_active);
    m_empty->setVisible(!m_active);
    m_lastEstimatedHash.clear();
    updateHeader();
    revalidate();
}

void SegmentForm::updateHeader()
{
    if (!m_active) {
        m_title->clear();
        m_meta->clear();
        return;
    }
    if (m_base.id.isEmpty()) {
        m_title->setText(tr("New segment"));
        m_meta->setText(tr("Not saved yet."));
        return;
    }
    m_title->setText(m_base.name);
    QString meta =
        tr("Version %1 · updated %2 by %3")
            .arg(m_base.version)
            .arg(QLocale().toString(m_base.updatedAt.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm")),
                 m_base.updatedBy);
    if (m_base.isDeleted())
        meta +=
            tr(" · deleted %1 — restore it to make it usable again")
                .arg(QLocale().toString(m_base.deletedAt.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm")));
    m_meta->setText(meta);
}

core::Definition SegmentForm::currentDefinition(QHash<QString, QString>* fieldOfPath) const
{
    if (m_readOnlyDefinition)
        return m_base.definition;
    return m_criteria->definition().toDefinition(fieldOfPath);
}

core::Segment SegmentForm::edited() const
{
    core::Segment s = m_base;
    s.name = m_name->text();
    s.description = m_description->toPlainText();
    s.status = static_cast<core::SegmentStatus>(m_status->currentData().toInt());
    s.definition = currentDefinition(nullptr);
    return s;
}

bool SegmentForm::isDirty() const
{
    if (!m_active)
        return false;
    const core::Segment e = edited();
    return e.name != m_base.name || e.description != m_base.description || e.status != m_base.status ||
           e.definition != m_base.definition;
}

void SegmentForm::setTakenNames(const QSet<QString>& nameKeys)
{
    if (nameKeys == m_takenNames)
        return;
    m_takenNames = nameKeys;
    revalidate();
}

void SegmentForm::setOtherSegments(const QList<core::Segment>& segments)
{
    m_otherDefinitions.clear();
    QList<CriteriaPicker::Option> options;
    for (const auto& s : segments) {
        m_otherDefinitions.insert(s.id, s.definition);
        if (s.id != m_base.id && !s.isDeleted())
            options.append({s.id, s.name});
    }
    m_criteria->setSegmentOptions(options);
    revalidate();
}

QString SegmentForm::shownIssue(const QString& field) const
{
    auto textOf = [](const QLabel* l) { return l->isHidden() ? QString() : l->text(); };
    if (field == QLatin1String("name"))
        return textOf(m_nameIssue);
    if (field == QLatin1String("description"))
        return textOf(m_descriptionIssue);
    if (field == QLatin1String("status"))
        return textOf(m_statusIssue);
    if (field == QLatin1String("definition"))
        return m_criteria->generalIssueText();
    return textOf(m_generalIssue);
}

void SegmentForm::setIssueText(QLabel* label, const QStringList& messages)
{
    label->setText(messages.join(QLatin1Char('\n')));
    label->setVisible(!messages.isEmpty());
}

void SegmentForm::onEdited()
{
    if (m_filling)
        return;
    m_touched = true;
    revalidate();
}

void SegmentForm::revalidate()
{
    if (m_filling)
        return;
    m_issues.clear();
    IssuesByField routed;
    if (m_active) {
        QHash<QString, QString> fieldOfPath;
        core::Segment s = edited();
        s.definition = currentDefinition(&fieldOfPath);
        const auto resolver = [this](const QString& id) -> std::optional<core::Definition> {
            auto it = m_otherDefinitions.constFind(id);
            if (it == m_otherDefinitions.cend())
                return std::nullopt;
            return it.value();
        };
        m_issues = m_validator.validate(s, m_takenNames, resolver);
        if (m_touched)
            routed = IssueRouter::route(m_issues, fieldOfPath);

        bool definitionValid = true;
        for (const auto& issue : m_issues)
            definitionValid = definitionValid && !issue.field.startsWith(QLatin1String("definition"));
        m_definitionValid = definitionValid;
        if (definitionValid) {
            const QString hash = s.definition.hash();
            if (hash != m_lastEstimatedHash) {
                m_lastEstimatedHash = hash;
                emit definitionChanged(s.definition);
            }
        } else {
            m_lastEstimatedHash.clear();
            emit definitionInvalid();
        }
    }
    setIssueText(m_nameIssue, routed.value(QStringLiteral("name")).messages);
    setIssueText(m_descriptionIssue, routed.value(QStringLiteral("description")).messages);
    setIssueText(m_statusIssue, routed.value(QStringLiteral("status")).messages);
    QStringList general = routed.value(QStringLiteral("advertiser")).messages;
    setIssueText(m_generalIssue, general);
    if (m_readOnlyDefinition) {
        // The JSON view has no fields: list definition issues above the form instead.
        for (auto it = routed.cbegin(); it != routed.cend(); ++it) {
            if (it.key() != QLatin1String("name") && it.key() != QLatin1String("description") &&
                it.key() != QLatin1String("status"))
                general.append(it.value().messages);
        }
        setIssueText(m_generalIssue, general);
    } else {
        m_criteria->setIssues(routed);
    }

    const bool dirty = isDirty();
    const bool valid = isValid();
    m_save->setEnabled(valid && (dirty || isNew()));
    m_save->setToolTip(valid ? tr("Save the segment (Ctrl+S)") : tr("Fix the problems shown in red to save"));
    m_revert->setEnabled(dirty && !isNew());
    emit editedChanged();
    if (valid != m_lastValid) {
        m_lastValid = valid;
        emit validityChanged(valid);
    }
    if (dirty != m_lastDirty) {
        m_lastDirty = dirty;
        emit dirtyChanged(dirty);
    }
}

} // namespace ui
