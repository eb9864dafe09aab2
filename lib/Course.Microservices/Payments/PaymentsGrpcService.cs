using Course.Microservices.Payments.Grpc;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Course.Microservices.Payments;

/// <summary>The Payments contract of protos/payments.proto. Bad arguments are gRPC's InvalidArgument (HTTP's 400).</summary>
[Authorize(Policy = Security.Scopes.PaymentsCharge)]
public sealed class PaymentsGrpcService(PaymentLedger ledger) : Grpc.Payments.PaymentsBase
{
    public override Task<ChargeReply> Charge(ChargeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.OrderId)) throw Invalid("order_id must not be empty.");
        if (string.IsNullOrWhiteSpace(request.Customer)) throw Invalid("customer must not be empty.");
        if (request.Amount <= 0) throw Invalid($"amount must be positive, not {request.Amount}.");
        var charge = ledger.ChargeOnce(request.OrderId, request.Customer, request.Amount);
        return Task.FromResult(new ChargeReply { PaymentId = charge.PaymentId, Approved = charge.Approved, Reason = charge.Reason, Balance = charge.Balance });
    }

    public override Task<BalanceReply> GetBalance(BalanceRequest request, ServerCallContext context) =>
        ledger.Balance(request.Customer) is { } balance
            ? Task.FromResult(new BalanceReply { Customer = request.Customer, Balance = balance })
            : throw new RpcException(new Status(StatusCode.NotFound, $"No customer '{request.Customer}'."));

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));
}
