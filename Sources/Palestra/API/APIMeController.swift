import Hummingbird

/// `GET /api/v1/me`: the token's user. The smallest real endpoint of the API surface.
struct APIMeController {
    func addRoutes(to api: Routes<APIRequestContext>) {
        api.get(APIURL.me) { request, context in
            try APIUser(context.user).response(from: request, context: context)
        }
    }
}
