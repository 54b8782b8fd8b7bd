#pragma once

#include "activation/sync/audience_destination.h"
#include "activation/sync/destination_config.h"
#include "activation/sync/destination_credentials.h"
#include "activation/sync/destination_endpoints.h"
#include "databricks/http/retry_policy.h"

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace core {

// Builds the AudienceDestination of a DestinationConfig: the platform's client over the
// project's ApiClient with its AuthProvider (GoogleOAuthAuth / MetaAccessTokenAuth) aimed at
// the endpoints. onTokenRenewed receives a renewed Meta long-lived token (to keep it where the
// credentials live); Google's refresh token does not change.
struct DestinationFactory
{
    static Result<std::unique_ptr<AudienceDestination>> create(
        const DestinationConfig& config, const DestinationCredentials& credentials,
        const DestinationEndpoints& endpoints, QNetworkAccessManager* network, RetryPolicy policy = {},
        std::function<void(const QString& newAccessToken)> onTokenRenewed = {});
};

} // namespace core
