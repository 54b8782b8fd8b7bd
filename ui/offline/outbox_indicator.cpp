#include "offline/outbox_indicator.h"

#include "common/plural.h"
#include "common/toast_overlay.h"
#include "offline/conflict_dialog.h"
#include "workspace/workspace_session.h"

#include <QDate>
#include <QLocale>
#include <QPointer>

namespace ui {

OutboxIndicator::OutboxIndicator(core::WorkspaceSession& session, ToastOverlay* toasts,
                                 core::SegmentMerge::Describe describe, QWidget* parent)
    : QToolButton(parent), m_session(session), m_toasts(toasts), m_describe(std::move(describe))
{
    setObjectName(QStringLiteral("outboxIndicator"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(this, &QToolButton::clicked, this, &OutboxIndicator::onClicked);
    connect(&session, &core::WorkspaceSession::readCacheShown, this, &OutboxIndicator::refresh);
    connect(&session, &core::WorkspaceSession::activated, this, &OutboxIndicator::refresh);
    connect(&session, &core::WorkspaceSession::healthChanged, this, [this](const core::WorkspaceHealth& health) {
        refresh();
        // Back online while the list is the cached one: read it again.
        if (health.state == core::WorkspaceHealth::State::Healthy && m_session.readCacheAsOf().isValid())
            emit outboxApplied();
    });
    connect(&session, &core::WorkspaceSession::outboxSynced, this, &OutboxIndicator::onSynced);
    if (core::Outbox* outbox = session.outbox()) {
        connect(outbox, &core::Outbox::changed, this, &OutboxIndicator::refresh);
        connect(outbox, &core::Outbox::queued, this, [this] {
            if (m_toasts)
                m_toasts->showQueued(tr("Saved on this computer — will sync when the shared workspace answers again."));
        });
    }
    refresh();
}

void OutboxIndicator::refresh()
{
    core::Outbox* outbox = m_session.outbox();
    const bool shared = outbox && !m_session.choice().isLocal();
    int waiting = 0;
    int conflicts = 0;
    if (shared) {
        if (auto pending = outbox->pending(m_session.outboxWorkspace()); pending) {
            waiting = int(pending.value().size());
            for (const auto& c : pending.value())
                conflicts += c.state == core::OutboxChangeState::Conflict || c.state == core::OutboxChangeState::Refused;
        }
    }
    QStringList parts;
    const QDateTime asOf = m_session.readCacheAsOf();
    if (shared && asOf.isValid()) {
        const QDateTime local = asOf.toLocalTime();
        const QString when = local.date() == QDate::currentDate()
                                 ? local.toString(QStringLiteral("HH:mm"))
                                 : QLocale().toString(local, QLocale::ShortFormat);
        parts << tr("Offline — showing the list as of %1").arg(when);
    }
    if (conflicts > 0)
        parts << core::countOf(conflicts, tr("conflict to settle"), tr("conflicts to settle"));
    if (waiting - conflicts > 0)
        parts << core::countOf(waiting - conflicts, tr("change waiting to sync"), tr("changes waiting to sync"));
    setText(parts.join(QStringLiteral(" · ")));
    setToolTip(conflicts > 0 ? tr("Click to settle the conflict: keep yours, take theirs or merge.")
                             : tr("Click to sync now."));
    setVisible(!parts.isEmpty());
}

void OutboxIndicator::onClicked()
{
    if (!settleFirstConflict())
        m_session.syncOutbox();
}

bool OutboxIndicator::settleFirstConflict()
{
    core::Outbox* outbox = m_session.outbox();
    core::OutboxBackend* backend = m_session.outboxBackend();
    if (!outbox || !backend)
        return false;
    auto pending = outbox->pending(m_session.outboxWorkspace());
    if (!pending)
        return false;
    for (const core::OutboxChange& change : pending.value()) {
        if (change.state != core::OutboxChangeState::Conflict && change.state != core::OutboxChangeState::Refused)
            continue;
        if (!backend->replayer()) {
            if (m_toasts)
                m_toasts->showInfo(tr("The conflict can be settled when %1 answers again.").arg(m_session.choice().describe()));
            return true;
        }
        ConflictDialog dialog(change, m_describe, window());
        if (dialog.exec() != QDialog::Accepted)
            return true;
        const bool merge = dialog.choice() == core::ConflictChoice::Merge;
        QFuture<core::Status> settled =
            change.isExperiment()
                ? backend->replayer()->resolveExperiment(change.id, dialog.choice(),
                                                         merge ? std::optional(dialog.mergedExperiment()) : std::nullopt)
                : backend->replayer()->resolve(change.id, dialog.choice(), merge ? std::optional(dialog.merged()) : std::nullopt);
        QPointer<OutboxIndicator> self(this);
        settled.then(this, [self](const core::Status& done) {
            if (!self)
                return;
            if (!done && self->m_toasts)
                self->m_toasts->showError(done.error(), tr("The conflict could not be settled"));
            self->refresh();
            emit self->outboxApplied();
        });
        return true;
    }
    return false;
}

void OutboxIndicator::onSynced(const core::ReplayReport& report)
{
    refresh();
    if (report.applied + report.alreadyApplied > 0) {
        if (m_toasts)
            m_toasts->showSuccess(core::countOf(report.applied + report.alreadyApplied, tr("change synced"),
                                                tr("changes synced")));
        emit outboxApplied();
    }
    if (report.conflicts > 0 && m_toasts)
        m_toasts->showInfo(tr("%1 made offline conflicting with a colleague's: click the status bar to settle.")
                               .arg(core::countOf(report.conflicts, tr("change"), tr("changes"))));
}

} // namespace ui
