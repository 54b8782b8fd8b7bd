#pragma once

#include <functional>

#include <QFuture>
#include <QWidget>

#include "domain/saved_comparison.h"
#include "analytics/analytics_source.h"
#include "common/error.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace ui {

// Saved comparisons of the open workspace (where it keeps them, said under the bar: the local
// file, or a table shared in Databricks): a picker that opens one, and "Save…" that keeps the
// comparison shown under a name. Saving under the name of the comparison that was opened
// replaces it; another name makes a new one; a name that is taken, empty or too long is refused
// and asked again with the reason. Every call runs on the workspace's thread.
class SavedComparisonsBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedComparisonsBar)

public:
    // Asks for a name (suggested: to start from; problem: why the last one was refused, or
    // empty). Returns the name, or an empty string when the user cancels.
    using AskName = std::function<QString(const QString& suggested, const QString& problem)>;

    explicit SavedComparisonsBar(QWidget* parent = nullptr);

    void setAnalyticsSource(AnalyticsSource source) { m_source = std::move(source); }
    void setNameAsker(AskName ask) { m_askName = std::move(ask); }
    // What Save… would save (nothing: Save… disabled). Other segments than the saved comparison
    // last opened or saved make Save… start a new one.
    void setRequest(std::optional<core::ComparisonRequest> request);
    // Reads the list again (the workspace changed, a comparison was saved).
    void refresh();
    // Asks for a name and saves the request.
    void save();

    bool isBusy() const { return m_busy > 0; }
    const QList<core::SavedComparison>& savedComparisons() const { return m_saved; }
    // The saved comparison last opened or saved (Save… offers its name).
    QString currentId() const { return m_currentId; }
    QComboBox* picker() const { return m_picker; }
    QPushButton* saveButton() const { return m_save; }
    // "Kept in …": where the workspace keeps saved comparisons.
    QLabel* whereLabel() const { return m_where; }

signals:
    void openRequested(const core::SavedComparison& comparison);
    void comparisonSaved(const core::SavedComparison& comparison);
    void failed(const core::Error& error, const QString& context);

private:
    void store(const QString& name, bool replaceCurrent);
    void showList(const QList<core::SavedComparison>& list);
    template <typename T, typename F> void track(QFuture<core::Result<T>> future, F onDone);
    void updateState();

    AnalyticsSource m_source;
    AskName m_askName;
    std::optional<core::ComparisonRequest> m_request;
    QList<core::SavedComparison> m_saved;
    QString m_currentId;
    int m_busy = 0;
    quint64 m_listSequence = 0;
    QComboBox* m_picker;
    QPushButton* m_save;
    QLabel* m_where;
};

} // namespace ui
