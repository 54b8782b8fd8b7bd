#include "activation/sync/destination_factory.h"

#include "activation/sync/google_data_manager_destination.h"
#include "activation/sync/google_oauth_auth.h"
#include "activation/sync/meta_custom_audience_destination.h"
#include "activation/sync/meta_token_auth.h"

namespace core {

Result<std::unique_ptr<AudienceDestination>> DestinationFactory::create(
    const DestinationConfig& config, const DestinationCredentials& credentials, const DestinationEndpoints& endpoints,
    QNetworkAccessManager* network, RetryPolicy policy, std::function<void(const QString&)> onTokenRenewed)
{
    if (Status ok = credentials.check(config.platform); !ok)
        return ok.error();
    if (config.platform == AudiencePlatform::Google) {
        for (const auto& [url, name] : {std::pair{endpoints.googleDataManager, QStringLiteral("The Data Manager URL")},
                                        std::pair{endpoints.googleToken, QStringLiteral("The Google token URL")}}) {
            if (Status ok = DestinationEndpoints::check(url, name); !ok)
                return ok.error();
        }
        auto* auth = new GoogleOAuthAuth(endpoints.googleToken, credentials.clientId, credentials.clientSecret,
                                         credentials.refreshToken, network);
        auth->setRequestTimeout(policy.requestTimeout);
        return std::unique_ptr<AudienceDestination>(new GoogleDataManagerDestination(
            network, auth, endpoints.googleDataManager, policy, config.accountId, config.loginAccountId));
    }
    for (const auto& [url, name] : {std::pair{endpoints.metaGraph, QStringLiteral("The Meta Graph URL")},
                                    std::pair{endpoints.metaTokenEndpoint(), QStringLiteral("The Meta token URL")}}) {
        if (Status ok = DestinationEndpoints::check(url, name); !ok)
            return ok.error();
    }
    auto* auth = new MetaAccessTokenAuth(credentials.accessToken, credentials.appId, credentials.appSecret,
                                         endpoints.metaTokenEndpoint(), network);
    auth->setRequestTimeout(policy.requestTimeout);
    if (onTokenRenewed)
        auth->setOnRenewed(std::move(onTokenRenewed));
    return std::unique_ptr<AudienceDestination>(
        new MetaCustomAudienceDestination(network, auth, endpoints.metaGraph, policy, config.accountId));
}

} // namespace core
