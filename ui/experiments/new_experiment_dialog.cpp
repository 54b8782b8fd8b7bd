#include "experiments/new_experiment_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "backends/experiment_store.h"
#include "backends/metrics_store.h"
#include "common/form_style.h"
#include "domain/experiment_rules.h"
#include "experiments/experiment_arms_editor.h"
#include "experiments/experiment_power_calculator.h"

namespace ui {

namespace {

// A field with its issue label under it, for a QFormLayout row.
QWidget* withIssue(QWidget* field, QLabel* issue, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(issue);
    return box;
}

} // namespace

QString NewExperimentDialog::suggestedKey(const QString& name)
{
    const QString plain = name.normalized(QString::NormalizationForm_KD);
    QString out;
    bool dash = false;
    for (QChar c : plain) {
        const bool keep = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                          (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                          (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        if (keep) {
            if (dash && !out.isEmpty())
                out += QLatin1Char('-');
            dash = false;
            out += c.toLower();
        } else if (c.category() != QChar::Mark_NonSpacing) {
            dash = true; // é → e + a combining accent: the accent goes, the letter stays
        }
    }
    out.truncate(core::Experiment::kMaxKeyLength);
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out;
}

NewExperimentDialog::NewExperimentDialog(const core::Segment& segment, const AnalyticsSource& source,
                                         const QString& user, QWidget* parent)
    : QDialog(parent), m_segment(segment), m_source(source), m_user(user)
{
    setWindowTitle(tr("New Experiment on “%1”").arg(segment.name));
    setAccessibleName(tr("New experiment"));

    m_name = new QLineEdit(this);
    m_name->setMaxLength(core::Experiment::kMaxNameLength);
    m_name->setPlaceholderText(tr("Spring banner test"));
    m_name->setAccessibleName(tr("Experiment name"));
    m_key = new QLineEdit(this);
    m_key->setMaxLength(core::Experiment::kMaxKeyLength);
    m_key->setAccessibleName(tr("Key"));
    m_key->setToolTip(
        tr("The experiment's tracking key: unique in the workspace, letters, digits, - _ and . only. "
           "With the same key, GrowthBook puts each person in the same arm."));
    m_seed = new QLineEdit(this);
    m_seed->setMaxLength(core::Experiment::kMaxKeyLength);
    m_seed->setPlaceholderText(tr("the key"));
    m_seed->setAccessibleName(tr("Seed"));
    m_seed->setToolTip(
        tr("Only to match a GrowthBook experiment that hashes with a seed other than its key"));
    m_arms = new ExperimentArmsEditor(this);
    m_holdout = new QDoubleSpinBox(this);
    m_holdout->setRange(0, 99.99);
    m_holdout->setDecimals(2);
    m_holdout->setSuffix(QStringLiteral(" %"));
    m_holdout->setAccessibleName(tr("Holdout"));
    m_holdout->setToolTip(
        tr("People of the segment kept out of every arm (they get no campaign): the baseline of "
           "the campaign itself"));
    m_metric = new QComboBox(this);
    m_metric->setAccessibleName(tr("Primary metric"));
    for (const QString& key : core::experimentMetricKeys()) {
        const auto metric = core::experimentMetricFromKey(key);
        m_metric->addItem(core::experimentMetricLabel(*metric), key);
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    m_start = new QDateEdit(today, this);
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_start->setAccessibleName(tr("Start date"));
    m_hasEnd = new QCheckBox(tr("Ends on"), this);
    m_hasEnd->setToolTip(tr("Without an end date the experiment runs until it is stopped"));
    m_end = new QDateEdit(today.addDays(27), this);
    m_end->setCalendarPopup(true);
    m_end->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_end->setAccessibleName(tr("End date"));
    m_end->setEnabled(false);
    auto* endRow = new QWidget(this);
    auto* endLayout = new QHBoxLayout(endRow);
    endLayout->setContentsMargins(0, 0, 0, 0);
    endLayout->addWidget(m_hasEnd);
    endLayout->addWidget(m_end, 1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name:"), withIssue(m_name, issueLabel(QStringLiteral("name")), this));
    form->addRow(tr("&Key:"), withIssue(m_key, issueLabel(QStringLiteral("key")), this));
    form->addRow(tr("A&rms:"), m_arms);
    form->addRow(tr("&Holdout:"), withIssue(m_holdout, issueLabel(QStringLiteral("holdout")), this));
    form->addRow(tr("&Primary metric:"), m_metric);
    form->addRow(tr("&Start:"), withIssue(m_start, issueLabel(QStringLiteral("start_date")), this));
    form->addRow(tr("End:"), withIssue(endRow, issueLabel(QStringLiteral("end_date")), this));
    form->addRow(tr("S&eed (optional):"), withIssue(m_seed, issueLabel(QStringLiteral("seed")), this));

    auto* left = new QVBoxLayout;
    left->addWidget(
        makeHint(tr("The segment's current members are split into the arms (the first is the control) "
                    "and the holdout by GrowthBook's hash of the key: the same person always lands in "
                    "the same arm, here and in GrowthBook."),
                 this));
    left->addLayout(form);
    left->addStretch(1);

    m_calculator = new ExperimentPowerCalculator(this);
    m_calculator->setMinimumWidth(340);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addWidget(m_calculator, 2, Qt::AlignTop);

    m_storeError = makeIssueLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = m_buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &NewExperimentDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_storeError);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, [this](const QString& name) {
        if (!m_keyTyped) {
            m_settingKey = true;
            m_key->setText(suggestedKey(name));
            m_settingKey = false;
        }
        validate();
    });
    connect(m_key, &QLineEdit::textChanged, this, [this](const QString& key) {
        if (!m_settingKey)
            m_keyTyped = !key.isEmpty(); // emptied: suggest again from the name
        validate();
    });
    connect(m_seed, &QLineEdit::textChanged, this, &NewExperimentDialog::validate);
    connect(m_arms, &ExperimentArmsEditor::changed, this, &NewExperimentDialog::validate);
    connect(m_holdout, &QDoubleSpinBox::valueChanged, this, &NewExperimentDialog::validate);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &NewExperimentDialog::validate);
    connect(m_start, &QDateEdit::dateChanged, this, &NewExperimentDialog::validate);
    connect(m_end, &QDateEdit::dateChanged, this, &NewExperimentDialog::validate);
    connect(m_hasEnd, &QCheckBox::toggled, this, [this](bool on) {
        m_end->setEnabled(on);
        validate();
    });
    validate();
    readTraffic();
    resize(960, sizeHint().height());
}

QLabel* NewExperimentDialog::issueLabel(const QString& field)
{
    QLabel* label = makeIssueLabel(this);
    m_issueLabels.insert(field, label);
    return label;
}

QString NewExperimentDialog::issueText(const QString& field) const
{
    if (field.isEmpty())
        return m_storeError->isHidden() ? QString() : m_storeError->text();
    if (field == QLatin1String("arms"))
        return m_arms->issues().join(QLatin1Char('\n'));
    const QLabel* label = m_issueLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

core::Experiment NewExperimentDialog::draft() const
{
    core::Experiment e;
    e.segmentId = m_segment.id;
    e.advertiserId = m_segment.advertiserId;
    e.name = m_name->text().trimmed();
    e.key = m_key->text().trimmed();
    e.seed = m_seed->text().trimmed();
    e.arms = m_arms->arms();
    e.holdoutPercent = m_holdout->value();
    e.primaryMetric = core::experimentMetricFromKey(m_metric->currentData().toString())
                          .value_or(core::ExperimentMetric::Ctr);
    e.startDate = m_start->date();
    e.endDate = m_hasEnd->isChecked() ? m_end->date() : QDate();
    e.status = core::ExperimentStatus::Running;
    return e;
}

void NewExperimentDialog::validate()
{
    const core::Experiment e = draft();
    m_issues = core::ExperimentRules::validate(e);
    QHash<QString, QStringList> byField;
    QStringList arms;
    for (const auto& issue : std::as_const(m_issues)) {
        if (issue.field.startsWith(QLatin1String("arms")))
            arms.append(issue.message);
        else
            byField[m_issueLabels.contains(issue.field) ? issue.field : QString()].append(issue.message);
    }
    for (auto it = m_issueLabels.cbegin(); it != m_issueLabels.cend(); ++it) {
        const QStringList messages = byField.value(it.key());
        it.value()->setText(messages.join(QLatin1Char('\n')));
        it.value()->setVisible(!messages.isEmpty());
    }
    m_arms->setIssues(arms);
    const QStringList other = byField.value(QString());
    m_storeError->setText(other.join(QLatin1Char('\n')));
    m_storeError->setVisible(!other.isEmpty());
    m_create->setEnabled(m_issues.isEmpty() && !m_busy);

    QList<int> weights;
    for (const auto& a : e.arms)
        weights.append(a.weight);
    m_calculator->setMetric(e.primaryMetric);
    m_calculator->setSplit(weights, e.holdoutPercent);
}

void NewExperimentDialog::readTraffic()
{
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.metrics) {
        m_calculator->setTrafficUnavailable(
            tr("No workspace is open: the segment's traffic cannot be read."));
        return;
    }
    m_readingTraffic = true;
    emit busyChanged();
    backend.metrics->dailyMetrics(m_segment.id)
        .then(this, [this, owner = backend.owner](const core::Result<QList<core::DailyMetrics>>& rows) {
            m_readingTraffic = false;
            if (rows)
                m_calculator->setTraffic(SegmentTraffic::of(rows.value()));
            else
                m_calculator->setTrafficUnavailable(
                    tr("The segment's traffic could not be read: %1").arg(rows.error().userMessage));
            emit busyChanged();
        });
}

void NewExperimentDialog::create()
{
    validate();
    if (!m_issues.isEmpty() || m_busy)
        return;
    const AnalyticsBackend backend = m_source ? m_source() : AnalyticsBackend{};
    if (!backend.experiments) {
        core::Error e = core::Error::notFound(tr("No workspace is open."));
        e.remediation = tr("Wait for it to open, or choose one with Connection ▸ Connect to Workspace.");
        showStoreError(e);
        return;
    }
    m_busy = true;
    m_create->setEnabled(false);
    emit busyChanged();
    backend.experiments->create(draft(), m_user)
        .then(this, [this, owner = backend.owner](const core::Result<core::Experiment>& stored) {
            m_busy = false;
            emit busyChanged();
            if (!stored) {
                m_create->setEnabled(true);
                showStoreError(stored.error());
                return;
            }
            emit created(stored.value());
            accept();
        });
}

void NewExperimentDialog::showStoreError(const core::Error& error)
{
    QString text = error.userMessage;
    if (!error.remediation.isEmpty())
        text += QLatin1Char(' ') + error.remediation;
    if (error.code == QLatin1String("experiment_key_taken")) {
        QLabel* key = m_issueLabels.value(QStringLiteral("key"));
        key->setText(text);
        key->show();
        m_key->setFocus();
        m_key->selectAll();
        return;
    }
    m_storeError->setText(text);
    m_storeError->show();
}

} // namespace ui
