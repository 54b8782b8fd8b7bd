#pragma once

#include "common/result.h"
#include "domain/audience.h"

#include <QDateTime>
#include <QString>

namespace core {

// Where a destination's credentials are: in the system keychain (SecretStore, keyed by the
// destination's name), or read from the environment at every sync (for machines without a
// keychain, such as CI runners): see DestinationCredentials::fromEnvironment.
enum class CredentialSource { Keychain, Environment };

QString credentialSourceKey(CredentialSource source); // "keychain" / "environment"
std::optional<CredentialSource> parseCredentialSource(const QString& key);

// One ad-platform audience the app keeps in step with a segment: a Google Ads customer's
// Customer Match list or a Meta ad account's custom audience. Saved in the activation state
// database (AudienceSyncState); never holds a secret.
struct DestinationConfig
{
    qint64 id = 0;                // the state database's row id; 0 until saved
    QString name;                 // the user's name for it, unique (case-insensitive)
    AudiencePlatform platform = AudiencePlatform::Google;
    QString accountId;            // Google Ads customer id (10 digits) / Meta ad account id (digits)
    QString loginAccountId;       // Google: the manager account signed in through, optional
    QString audienceName;         // the platform audience's name at creation; empty: the segment's
    QString audienceId;           // the platform audience, once created (user list id / custom audience id)
    QString segmentId;            // the segment it mirrors, set by its first sync
    CredentialSource credentialSource = CredentialSource::Keychain;
    QDateTime createdAt;          // UTC

    // 1–64 characters: letters, digits, space, '.', '_', '-'; starts with a letter or digit.
    static Status validateName(const QString& name);
    // "123-456-7890" → "1234567890" (Google: 10 digits); "act_1234" → "1234" (Meta: digits).
    static Result<QString> normaliseAccountId(AudiencePlatform platform, const QString& id);
};

} // namespace core
