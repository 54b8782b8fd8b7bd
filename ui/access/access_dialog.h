#pragma once

#include <QDialog>

#include "backends/access_store.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace ui {

// Who has which role on one advertiser (Connection ▸ Access…), for its owners: the principals and
// their roles, with Grant (a principal and a role) and Revoke (the selected row). Every change
// goes through the AccessStore and is enforced by the backend; a refusal is shown in the dialog.
class AccessDialog final : public QDialog
{
    Q_OBJECT
public:
    AccessDialog(core::AccessStore& store, QString advertiserId, const QString& advertiserName,
                 QWidget* parent = nullptr);

    // Reloads the grants; the table fills when they arrive.
    void reload();
    QTableWidget* table() const { return m_table; }
    QLineEdit* principalField() const { return m_principal; }
    QComboBox* roleBox() const { return m_role; }
    QPushButton* grantButton() const { return m_grant; }
    QPushButton* revokeButton() const { return m_revoke; }
    QLabel* message() const { return m_message; }
    bool isBusy() const { return m_busy > 0; }

signals:
    void changed(); // a grant or revoke succeeded

private:
    core::AccessStore& m_store;
    QString m_advertiserId;
    QTableWidget* m_table = nullptr;
    QLineEdit* m_principal = nullptr;
    QComboBox* m_role = nullptr;
    QPushButton* m_grant = nullptr;
    QPushButton* m_revoke = nullptr;
    QLabel* m_message = nullptr;
    int m_busy = 0;

    void grant();
    void revoke();
    void showGrants(const QList<core::AccessGrant>& grants);
    void showError(const core::Error& error);
    void updateButtons();
};

} // namespace ui
