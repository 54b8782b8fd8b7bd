#include "offline/outbox_backend.h"

namespace core {

OutboxBackend::OutboxBackend(std::shared_ptr<Backend> backend, Outbox* outbox, QString workspace, QString kind,
                             QString displayName, std::optional<Error> why)
    : m_backend(std::move(backend)), m_kind(std::move(kind)), m_displayName(std::move(displayName)),
      m_why(std::move(why))
{
    std::shared_ptr<SegmentStore> own;
    if (m_backend)
        own = std::shared_ptr<SegmentStore>(m_backend, &m_backend->segments());
    m_segments = std::make_unique<OutboxSegmentStore>(own, outbox, workspace, m_kind, m_displayName);
    std::shared_ptr<MetricsStore> metrics;
    if (m_backend)
        metrics = std::shared_ptr<MetricsStore>(m_backend, &m_backend->metrics());
    m_metrics = std::make_unique<OutboxMetricsStore>(metrics, outbox, workspace);
    std::shared_ptr<ExperimentStore> experiments;
    if (m_backend)
        experiments = std::shared_ptr<ExperimentStore>(m_backend, &m_backend->experiments());
    m_experiments = std::make_unique<OutboxExperimentStore>(experiments, outbox, workspace, m_segments.get());
    if (m_backend)
        m_replayer = std::make_unique<OutboxReplayer>(m_backend->segments(), *outbox, workspace,
                                                      m_backend->statementInquiry(), &m_backend->experiments());
}

OutboxBackend::~OutboxBackend()
{
    m_replayer.reset();
    m_experiments.reset();
    m_metrics.reset();
    m_segments.reset();
}

QString OutboxBackend::displayName() const { return m_backend ? m_backend->displayName() : m_displayName; }

} // namespace core
