#pragma once

#include <functional>
#include <memory>

#include <QDialog>

#include "common/result.h"
#include "domain/catalogue.h"
#include "domain/segment.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace core {
class SegmentStore;
}

namespace ui {

// View ▸ History of a segment: every stored version with who and when, a field-by-field diff of
// any two (SegmentVersionDiffer: name, description, status, every criterion), and "Restore This
// Version…", which after a confirmation stores a NEW version with the chosen one's content
// (SegmentStore::restoreVersion, guarded by the current version). Keyboard: the version list, the
// two version pickers, the "only differences" box and the buttons are in tab order; Enter on a
// version compares it with the one before.
class SegmentHistoryDialog final : public QDialog
{
    Q_OBJECT

public:
    using Confirm = std::function<bool(const QString& question)>;
    using SegmentNamer = std::function<QString(const QString& segmentId)>;

    SegmentHistoryDialog(core::SegmentStore& store, std::shared_ptr<const core::Catalogue> catalogue,
                         const core::Segment& segment, const QString& user, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setSegmentNamer(SegmentNamer namer) { m_namer = std::move(namer); }

    // Reads the versions again (done once when the dialog is made).
    void reload();
    // Shows the diff of version `from` (before) against `to` (after).
    void compare(int from, int to);
    // Restores the version selected in the list (asks first).
    void restoreSelected();

    bool isBusy() const { return m_busy; }
    const QList<core::SegmentVersion>& versions() const { return m_versions; }
    const core::Segment& segment() const { return m_segment; }

    QTableWidget* versionTable() const { return m_versionTable; }
    QComboBox* fromBox() const { return m_from; }
    QComboBox* toBox() const { return m_to; }
    QTableWidget* diffTable() const { return m_diff; }
    QCheckBox* changedOnlyBox() const { return m_changedOnly; }
    QPushButton* restoreButton() const { return m_restore; }
    QLabel* summaryLabel() const { return m_summary; }

signals:
    // The store confirmed a restore: the segment as it is now.
    void restored(const core::Segment& segment, const QString& message);
    void failed(const core::Error& error, const QString& context);
    // Loading or restoring finished.
    void settled();

private:
    void showVersions();
    void showDiff();
    void onVersionSelected();
    void updateRestoreButton();
    int selectedVersion() const;

    core::SegmentStore& m_store;
    std::shared_ptr<const core::Catalogue> m_catalogue;
    core::Segment m_segment;
    QString m_user;
    Confirm m_confirm;
    SegmentNamer m_namer;
    QList<core::SegmentVersion> m_versions;
    bool m_busy = false;

    QLabel* m_title = nullptr;
    QTableWidget* m_versionTable = nullptr;
    QComboBox* m_from = nullptr;
    QComboBox* m_to = nullptr;
    QCheckBox* m_changedOnly = nullptr;
    QLabel* m_summary = nullptr;
    QTableWidget* m_diff = nullptr;
    QPushButton* m_restore = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace ui
