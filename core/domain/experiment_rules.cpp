#include "domain/experiment_rules.h"

#include <cmath>

#include <QSet>
#include <QUuid>

#include "domain/segment_change_rules.h"
#include "domain/segment_validator.h"

namespace core {

namespace {

bool isKeyCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') || c == QLatin1Char('_') ||
           c == QLatin1Char('.');
}

bool isAlphanumeric(QChar c)
{
    return isKeyCharacter(c) && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.');
}

// The characters of text that a key may not hold, each once, quoted: "“ ”, “/”".
QString badCharacters(const QString& text)
{
    QStringList out;
    for (QChar c : text) {
        const QString shown = c == QLatin1Char(' ') ? QStringLiteral("space") : QStringLiteral("“%1”").arg(c);
        if (!isKeyCharacter(c) && !out.contains(shown))
            out.append(shown);
    }
    return out.join(QStringLiteral(", "));
}

void checkKeyLike(const QString& value, const QString& field, const QString& what, bool required,
                  ValidationIssues& out)
{
    if (value.isEmpty()) {
        if (required)
            out.append({field, QStringLiteral("experiment_%1_required").arg(field),
                        QStringLiteral("Give the experiment a %1: letters, digits, - _ or . (it seeds who gets which arm).")
                            .arg(what)});
        return;
    }
    if (value.size() > Experiment::kMaxKeyLength)
        out.append({field, QStringLiteral("experiment_%1_too_long").arg(field),
                    QStringLiteral("The %1 is %2 characters long; keep it to %3 or fewer.")
                        .arg(what)
                        .arg(value.size())
                        .arg(Experiment::kMaxKeyLength)});
    if (!ExperimentRules::isValidKey(value)) {
        const QString bad = badCharacters(value);
        out.append({field, QStringLiteral("experiment_%1_characters").arg(field),
                    bad.isEmpty()
                        ? QStringLiteral("The %1 “%2” must start with a letter or a digit.").arg(what, value)
                        : QStringLiteral("The %1 “%2” may hold only letters, digits, - _ and . (not %3).")
                              .arg(what, value, bad)});
    }
}

bool hasAtMostTwoDecimals(double percent)
{
    const double scaled = percent * 100.0;
    return std::abs(scaled - std::round(scaled)) < 1e-6;
}

} // namespace

bool ExperimentRules::isValidKey(const QString& key)
{
    if (key.isEmpty() || key.size() > Experiment::kMaxKeyLength || !isAlphanumeric(key.front()))
        return false;
    for (QChar c : key) {
        if (!isKeyCharacter(c))
            return false;
    }
    return true;
}

ValidationIssues ExperimentRules::validate(const Experiment& e)
{
    ValidationIssues out;
    const QString name = e.name.trimmed();
    if (name.isEmpty())
        out.append({QStringLiteral("name"), QStringLiteral("experiment_name_required"),
                    QStringLiteral("Give the experiment a name.")});
    else if (name.size() > Experiment::kMaxNameLength)
        out.append({QStringLiteral("name"), QStringLiteral("experiment_name_too_long"),
                    QStringLiteral("The name is %1 characters long; keep it to %2 or fewer.")
                        .arg(name.size())
                        .arg(Experiment::kMaxNameLength)});
    if (SegmentValidator::hasControlCharacters(e.name, false))
        out.append({QStringLiteral("name"), QStringLiteral("experiment_name_control_characters"),
                    QStringLiteral("The name contains a line break, tab or other invisible control character; "
                                   "remove it.")});
    checkKeyLike(e.key, QStringLiteral("key"), QStringLiteral("key"), true, out);
    checkKeyLike(e.seed, QStringLiteral("seed"), QStringLiteral("seed"), false, out);
    if (e.segmentId.trimmed().isEmpty())
        out.append({QStringLiteral("segment"), QStringLiteral("experiment_segment_required"),
                    QStringLiteral("Choose the segment whose members the experiment splits.")});

    const qsizetype arms = e.arms.size();
    if (arms < Experiment::kMinArms || arms > Experiment::kMaxArms)
        out.append({QStringLiteral("arms"), QStringLiteral("experiment_arm_count"),
                    QStringLiteral("An experiment needs between %1 and %2 arms (the first is the control); this one has %3.")
                        .arg(Experiment::kMinArms)
                        .arg(Experiment::kMaxArms)
                        .arg(arms)});
    QSet<QString> seen;
    int sum = 0;
    bool weightsInRange = true;
    for (qsizetype i = 0; i < arms; ++i) {
        const ExperimentArm& arm = e.arms.at(i);
        const QString field = QStringLiteral("arms[%1]").arg(i);
        if (arm.name.isEmpty()) {
            out.append({field + QStringLiteral(".name"), QStringLiteral("experiment_arm_name_required"),
                        QStringLiteral("Arm %1 needs a name.").arg(i + 1)});
        } else if (arm.name.size() > Experiment::kMaxArmNameLength || !isValidKey(arm.name)) {
            out.append({field + QStringLiteral(".name"), QStringLiteral("experiment_arm_name_characters"),
                        QStringLiteral("The arm name “%1” may hold only letters, digits, - _ and ., start with a "
                                       "letter or digit and be at most %2 characters long.")
                            .arg(arm.name)
                            .arg(Experiment::kMaxArmNameLength)});
        } else if (arm.name.compare(Experiment::kHoldoutName, Qt::CaseInsensitive) == 0) {
            out.append({field + QStringLiteral(".name"), QStringLiteral("experiment_arm_name_reserved"),
                        QStringLiteral("“%1” names the members held out of every arm; call the arm something else.")
                            .arg(arm.name)});
        } else if (seen.contains(arm.name.toCaseFolded())) {
            out.append({field + QStringLiteral(".name"), QStringLiteral("experiment_arm_duplicate"),
                        QStringLiteral("Two arms are called “%1” (names ignore case); give each arm its own name.")
                            .arg(arm.name)});
        }
        seen.insert(arm.name.toCaseFolded());
        if (arm.weight < 1 || arm.weight > 100) {
            weightsInRange = false;
            out.append({field + QStringLiteral(".weight"), QStringLiteral("experiment_arm_weight"),
                        QStringLiteral("The arm “%1” gets %2 %; each arm needs a whole percent from 1 to 100.")
                            .arg(arm.name.isEmpty() ? QString::number(i + 1) : arm.name)
                            .arg(arm.weight)});
        }
        sum += arm.weight;
    }
    if (arms >= Experiment::kMinArms && weightsInRange && sum != 100)
        out.append({QStringLiteral("arms"), QStringLiteral("experiment_weights_sum"),
                    QStringLiteral("The arm weights add up to %1 %; they must add up to 100 %.").arg(sum)});

    const double h = e.holdoutPercent;
    if (!std::isfinite(h) || h < 0 || h >= 100)
        out.append({QStringLiteral("holdout"), QStringLiteral("experiment_holdout"),
                    QStringLiteral("The holdout must be at least 0 % and below 100 % (a holdout of 100 % would leave "
                                   "no one in the arms); it is %1 %.")
                        .arg(h)});
    else if (!hasAtMostTwoDecimals(h))
        out.append({QStringLiteral("holdout"), QStringLiteral("experiment_holdout_precision"),
                    QStringLiteral("Give the holdout with at most two decimals (such as 2.5 %), not %1 %.").arg(h)});

    if (!e.startDate.isValid())
        out.append({QStringLiteral("start_date"), QStringLiteral("experiment_start_required"),
                    QStringLiteral("Give the experiment a start date.")});
    else if (e.endDate.isValid() && e.endDate < e.startDate)
        out.append({QStringLiteral("end_date"), QStringLiteral("experiment_end_before_start"),
                    QStringLiteral("The end date %1 is before the start date %2; it must be on or after it.")
                        .arg(e.endDate.toString(Qt::ISODate), e.startDate.toString(Qt::ISODate))});
    return out;
}

Error experimentValidationError(const ValidationIssues& issues)
{
    Error e = Error::validation(issues.isEmpty() ? QStringLiteral("experiment_invalid") : issues.first().code,
                                issues.size() == 1 ? issues.first().message
                                                   : QStringLiteral("The experiment has %1 problems: %2")
                                                         .arg(issues.size())
                                                         .arg(summarize(issues)),
                                summarize(issues));
    if (issues.size() == 1)
        e.detail = issues.first().field;
    e.remediation = QStringLiteral("Correct the experiment and save it again; nothing was saved.");
    return e;
}

Result<Experiment> ExperimentRules::prepareCreate(Experiment draft, const Segment& segment, const QString& user,
                                                  const QDateTime& now)
{
    if (draft.version != 0)
        return Error::validation(QStringLiteral("experiment_version_not_new"),
                                 QStringLiteral("A new experiment cannot carry a version; save it as an update."));
    if (draft.id.isEmpty())
        draft.id = SegmentChangeRules::newId();
    else if (QUuid::fromString(draft.id).isNull())
        return Error::validation(QStringLiteral("experiment_id_invalid"),
                                 QStringLiteral("“%1” is not a valid experiment id (a UUID is expected).").arg(draft.id));
    if (segment.id != draft.segmentId || segment.isDeleted())
        return unknownSegment(draft.segmentId);
    if (!draft.advertiserId.isEmpty() && draft.advertiserId != segment.advertiserId)
        return Error::validation(QStringLiteral("experiment_advertiser_mismatch"),
                                 QStringLiteral("The segment “%1” belongs to advertiser %2, not %3; an experiment runs "
                                                "for its segment's advertiser.")
                                     .arg(segment.name, segment.advertiserId, draft.advertiserId));
    if (draft.status == ExperimentStatus::Stopped)
        return Error::validation(QStringLiteral("experiment_status_new"),
                                 QStringLiteral("A new experiment starts as a draft or running, not stopped."));
    draft.advertiserId = segment.advertiserId;
    draft.name = draft.name.trimmed();
    if (const auto issues = validate(draft); !issues.isEmpty())
        return experimentValidationError(issues);
    draft.version = 1;
    draft.createdBy = user;
    draft.createdAt = now;
    draft.updatedBy = user;
    draft.updatedAt = now;
    return draft;
}

Result<Experiment> ExperimentRules::prepareUpdate(const Experiment& current, Experiment edited, const QString& user,
                                                  const QDateTime& now)
{
    if (edited.version != current.version)
        return staleVersionError(current, edited.version);
    if (current.status == ExperimentStatus::Stopped)
        return Error::validation(QStringLiteral("experiment_stopped"),
                                 QStringLiteral("“%1” was stopped; a stopped experiment no longer changes.").arg(current.name),
                                 current.id);
    if (!edited.advertiserId.isEmpty() && edited.advertiserId != current.advertiserId)
        return Error::validation(QStringLiteral("experiment_advertiser_immutable"),
                                 QStringLiteral("An experiment runs for its segment's advertiser; it cannot move to another."));
    if (current.status != ExperimentStatus::Draft &&
        (edited.segmentId != current.segmentId || edited.key != current.key || edited.seed != current.seed ||
         edited.arms != current.arms || edited.holdoutBasisPoints() != current.holdoutBasisPoints() ||
         edited.startDate != current.startDate))
        return Error::validation(QStringLiteral("experiment_split_locked"),
                                 QStringLiteral("“%1” is running: its segment, key, seed, arms, holdout and start date "
                                                "are fixed so nobody changes arm; only a draft can change them.")
                                     .arg(current.name),
                                 current.id);
    if (edited.status == ExperimentStatus::Stopped)
        return Error::validation(QStringLiteral("experiment_stop_by_update"),
                                 QStringLiteral("Stop the experiment with “stop”, not by editing its status."));
    if (current.status == ExperimentStatus::Running && edited.status == ExperimentStatus::Draft)
        return Error::validation(QStringLiteral("experiment_back_to_draft"),
                                 QStringLiteral("“%1” is already running; it cannot go back to a draft.").arg(current.name));
    if (edited.segmentId != current.segmentId)
        return Error::validation(QStringLiteral("experiment_segment_immutable"),
                                 QStringLiteral("An experiment keeps its segment; create a new experiment for another one."));
    edited.id = current.id;
    edited.advertiserId = current.advertiserId;
    edited.name = edited.name.trimmed();
    if (const auto issues = validate(edited); !issues.isEmpty())
        return experimentValidationError(issues);
    edited.version = current.version + 1;
    edited.createdBy = current.createdBy;
    edited.createdAt = current.createdAt;
    edited.updatedBy = user;
    edited.updatedAt = now;
    return edited;
}

Result<Experiment> ExperimentRules::prepareStop(const Experiment& current, int baseVersion, const QString& user,
                                                const QDateTime& now)
{
    if (baseVersion != current.version)
        return staleVersionError(current, baseVersion);
    if (current.status == ExperimentStatus::Stopped)
        return Error::validation(QStringLiteral("experiment_already_stopped"),
                                 QStringLiteral("“%1” was already stopped on %2.")
                                     .arg(current.name, current.endDate.toString(Qt::ISODate)),
                                 current.id);
    Experiment stopped = current;
    const QDate today = now.toUTC().date();
    if (!stopped.endDate.isValid() || stopped.endDate > today)
        stopped.endDate = today;
    if (stopped.startDate.isValid() && stopped.endDate < stopped.startDate)
        stopped.endDate = stopped.startDate; // stopped before it began: an empty range on its first day
    stopped.status = ExperimentStatus::Stopped;
    stopped.version = current.version + 1;
    stopped.updatedBy = user;
    stopped.updatedAt = now;
    return stopped;
}

Error ExperimentRules::staleVersionError(const Experiment& current, int baseVersion)
{
    Error e = Error::conflict(
        QStringLiteral("version_conflict"),
        QStringLiteral("“%1” was changed by %2 after you opened it (your copy is version %3, the saved one is %4).")
            .arg(current.name, current.updatedBy.isEmpty() ? QStringLiteral("someone else") : current.updatedBy)
            .arg(baseVersion)
            .arg(current.version),
        QStringLiteral("Reload the experiment to see the latest version, then apply your changes again."));
    e.detail = QStringLiteral("experiment %1: base version %2, current %3").arg(current.id).arg(baseVersion).arg(current.version);
    return e;
}

Error ExperimentRules::keyTakenError(const QString& key, const QString& takenBy)
{
    return Error::conflict(QStringLiteral("experiment_key_taken"),
                           QStringLiteral("The key “%1” is already used by the experiment “%2”; each experiment needs "
                                          "its own key.")
                               .arg(key, takenBy),
                           QStringLiteral("Choose another key; nothing was saved."));
}

Error ExperimentRules::unknownExperiment(const QString& id)
{
    return Error::notFound(QStringLiteral("There is no experiment with id %1 in this workspace.").arg(id));
}

Error ExperimentRules::unknownSegment(const QString& segmentId)
{
    Error e = Error::validation(QStringLiteral("experiment_segment_unknown"),
                                QStringLiteral("There is no segment with id %1 (or it was deleted); an experiment needs "
                                               "a saved, live segment.")
                                    .arg(segmentId),
                                QStringLiteral("segment"));
    e.remediation = QStringLiteral("Pick a segment from `segctl segments list`; nothing was saved.");
    return e;
}

} // namespace core
