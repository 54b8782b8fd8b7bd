#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include <QPointer>
#include <QWidget>

#include "activation/audience_export.h"
#include "activation/audience_source.h"
#include "activation/sync/destination_endpoints.h"
#include "analytics/analytics_source.h"
#include "common/error.h"
#include "domain/audience.h"
#include "domain/segment.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QVBoxLayout;

class QNetworkAccessManager;

namespace core {
class AudienceSyncState;
class DestinationSyncJob;
class SecretStore;
struct AudienceSyncReport;
} // namespace core

namespace ui {

class ViewMessage;

// What the Activate tab syncs through: the destinations and their sent sets (one file beside the
// settings), the keychain holding their credentials, the platforms' addresses and the network.
// Without them (state null) the tab offers the file only.
struct ActivationServices
{
    core::AudienceSyncState* state = nullptr;
    core::SecretStore* secrets = nullptr;
    core::DestinationEndpoints endpoints;
    QNetworkAccessManager* network = nullptr;
};

// The "Activate" tab: the selected segment as an audience on Google Ads or Meta.
//  - The pre-flight, worked out on the workstation as soon as the tab shows a segment: members,
//    those with identifiers, those who can be matched, coverage bars per key, values left out
//    and why, and the platform's minimums (fewer than 100 blocks, fewer than 1,000 is advised
//    against). Plain identifiers never leave the workstation: everything shown is counts.
//  - Export file…: the platform's customer-list CSV (hashed), written atomically with progress
//    and cancel; blocked below the minimum unless the user insists.
//  - Destinations of the platform with their sync history (segctl destinations add creates
//    them); Sync now through SyncRunner with progress and cancel.
// Every failure goes through failed() (a toast with what to do).
class ActivationPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivationPanel)

public:
    using ChooseSaveFile = std::function<QString(const QString& title, const QString& suggested, const QString& filter)>;
    using ConfirmForce = std::function<bool(const QString& question)>;

    explicit ActivationPanel(QWidget* parent = nullptr);
    ~ActivationPanel() override;

    void setAnalyticsSource(AnalyticsSource source) { m_source = std::move(source); }
    void setSaveFileChooser(ChooseSaveFile choose) { m_chooseSaveFile = std::move(choose); }
    void setForceConfirmer(ConfirmForce confirm) { m_confirmForce = std::move(confirm); }
    void setServices(ActivationServices services);

    // The segment the window shows (null: none); its audience is read when the tab is visible.
    void showSegment(const core::Segment* segment);
    void setPlatform(core::AudiencePlatform platform);
    core::AudiencePlatform platform() const { return m_platform; }
    void reload();

    // Writes the audience file (asks where with the chooser); for the button and tests.
    void exportFile();
    // Sends the difference to the chosen destination of the platform; for the button and tests.
    void syncNow();
    void cancelSync();
    // Reads the destinations of the platform and the chosen one's history again.
    void refreshDestinations();

    bool isBusy() const { return m_loading || m_exporting || m_syncing; }
    // What the pre-flight shows (for tests): nullopt until one is worked out.
    const std::optional<core::AudiencePreflight>& preflight() const { return m_preflight; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* syncButton() const { return m_sync; }
    QComboBox* destinationBox() const { return m_destinationBox; }
    QTableWidget* historyTable() const { return m_history; }

signals:
    void failed(const core::Error& error, const QString& context);
    void succeeded(const QString& message);
    void busyChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void load();
    void showPreflight(const core::AudiencePreflight& preflight);
    void clearPreflight(const QString& message);
    void setLoading(bool loading);
    QWidget* buildPreflightBox();
    QWidget* buildSyncBox();
    void showHistory();
    void syncFinished(const core::Result<core::AudienceSyncReport>& report, const QString& destination);
    void updateButtons();

    AnalyticsSource m_source;
    ChooseSaveFile m_chooseSaveFile;
    ConfirmForce m_confirmForce;
    std::optional<core::Segment> m_segment;
    core::AudiencePlatform m_platform = core::AudiencePlatform::Google;
    bool m_stale = true;
    bool m_loading = false;
    bool m_exporting = false;
    int m_generation = 0;
    std::optional<core::AudienceSource> m_audience;
    std::shared_ptr<core::PreparedAudience> m_prepared;
    std::optional<core::AudiencePreflight> m_preflight;

    QLabel* m_title;
    QLabel* m_subtitle;
    QComboBox* m_platformBox;
    QLabel* m_rules;
    ViewMessage* m_message;
    QWidget* m_preflightBox;
    QLabel* m_members;
    QLabel* m_withIdentifiers;
    QLabel* m_matchable;
    QVBoxLayout* m_coverage;
    QLabel* m_findings;
    QLabel* m_leftOut;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QPushButton* m_stop;
    std::shared_ptr<std::atomic<bool>> m_cancelled;

    ActivationServices m_services;
    bool m_syncing = false;
    QPointer<core::DestinationSyncJob> m_job;
    QWidget* m_syncBox = nullptr;
    QComboBox* m_destinationBox = nullptr;
    QLabel* m_destinationNote = nullptr;
    QPushButton* m_sync = nullptr;
    QPushButton* m_cancelSync = nullptr;
    QProgressBar* m_syncProgress = nullptr;
    QTableWidget* m_history = nullptr;
};

} // namespace ui
