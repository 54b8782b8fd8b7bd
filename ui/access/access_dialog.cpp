#include "access/access_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ui {

AccessDialog::AccessDialog(core::AccessStore& store, QString advertiserId, const QString& advertiserName,
                           QWidget* parent)
    : QDialog(parent), m_store(store), m_advertiserId(std::move(advertiserId))
{
    setWindowTitle(tr("Access to %1").arg(advertiserName));
    setObjectName(QStringLiteral("accessDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Viewers read the advertiser's segments, metrics and experiments; editors also create, "
                                "edit, delete and activate; owners also grant. The workspace enforces the roles."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Principal"), tr("Role"), tr("Granted by")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("Principals and their roles"));
    layout->addWidget(m_table, 1);

    auto* row = new QHBoxLayout;
    m_principal = new QLineEdit(this);
    m_principal->setPlaceholderText(tr("user@example.com, service principal or database role"));
    m_principal->setAccessibleName(tr("Principal"));
    m_role = new QComboBox(this);
    for (auto role : {core::AdvertiserRole::Viewer, core::AdvertiserRole::Editor, core::AdvertiserRole::Owner})
        m_role->addItem(core::advertiserRoleKey(role), static_cast<int>(role));
    m_role->setAccessibleName(tr("Role"));
    m_grant = new QPushButton(tr("&Grant"), this);
    m_revoke = new QPushButton(tr("&Revoke"), this);
    row->addWidget(m_principal, 1);
    row->addWidget(m_role);
    row->addWidget(m_grant);
    row->addWidget(m_revoke);
    layout->addLayout(row);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("accessMessage"));
    layout->addWidget(m_message);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_grant, &QPushButton::clicked, this, &AccessDialog::grant);
    connect(m_revoke, &QPushButton::clicked, this, &AccessDialog::revoke);
    connect(m_principal, &QLineEdit::textChanged, this, &AccessDialog::updateButtons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AccessDialog::updateButtons);
    resize(560, 360);
    updateButtons();
    reload();
}

void AccessDialog::reload()
{
    ++m_busy;
    updateButtons();
    m_store.grants(m_advertiserId).then(this, [this](const core::Result<QList<core::AccessGrant>>& grants) {
        --m_busy;
        if (grants)
            showGrants(grants.value());
        else
            showError(grants.error());
        updateButtons();
    });
}

void AccessDialog::showGrants(const QList<core::AccessGrant>& grants)
{
    m_table->setRowCount(0);
    for (const auto& g : grants) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, 0, new QTableWidgetItem(g.principal));
        m_table->setItem(r, 1, new QTableWidgetItem(core::advertiserRoleKey(g.role)));
        m_table->setItem(r, 2, new QTableWidgetItem(g.grantedBy));
    }
    if (grants.isEmpty())
        m_message->setText(tr("No roles granted yet: everyone who can connect owns every advertiser. Your first grant "
                              "makes you this advertiser's owner."));
}

void AccessDialog::showError(const core::Error& error)
{
    m_message->setText(error.remediation.isEmpty() ? error.userMessage
                                                   : tr("%1 %2").arg(error.userMessage, error.remediation));
}

void AccessDialog::grant()
{
    const QString principal = m_principal->text().trimmed();
    const auto role = static_cast<core::AdvertiserRole>(m_role->currentData().toInt());
    ++m_busy;
    updateButtons();
    m_store.grant(m_advertiserId, principal, role).then(this, [this, principal, role](const core::Status& done) {
        --m_busy;
        if (!done) {
            showError(done.error());
            updateButtons();
            return;
        }
        m_message->setText(tr("%1 is now %2.").arg(principal, core::advertiserRoleKey(role)));
        m_principal->clear();
        emit changed();
        reload();
    });
}

void AccessDialog::revoke()
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, 0))
        return;
    const QString principal = m_table->item(row, 0)->text();
    ++m_busy;
    updateButtons();
    m_store.revoke(m_advertiserId, principal).then(this, [this, principal](const core::Status& done) {
        --m_busy;
        if (!done) {
            showError(done.error());
            updateButtons();
            return;
        }
        m_message->setText(tr("%1 has no role on this advertiser any more.").arg(principal));
        emit changed();
        reload();
    });
}

void AccessDialog::updateButtons()
{
    m_grant->setEnabled(m_busy == 0 && !m_principal->text().trimmed().isEmpty());
    m_revoke->setEnabled(m_busy == 0 && m_table->currentRow() >= 0);
}

} // namespace ui
