import Foundation
import Testing

@testable import SluiceAWS

@Suite("SigV4 verification")
struct SigV4VerifierTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let scope = "20150830/us-east-1/service/aws4_request"

    func request(signature: String, key: String = "AKIDEXAMPLE", date: String = "20150830T123600Z") -> SigV4Verifier.Request {
        SigV4Verifier.Request(
            method: "GET", path: "/", query: "",
            headers: [
                ("Host", "example.amazonaws.com"), ("X-Amz-Date", date),
                ("Authorization", "AWS4-HMAC-SHA256 Credential=\(key)/\(Self.scope), SignedHeaders=host;x-amz-date, Signature=\(signature)"),
            ],
            body: [])
    }

    /// `get-vanilla` from AWS's Signature Version 4 test suite.
    static let vanillaSignature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    static let requestTime = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test("computes the signature of AWS's get-vanilla example")
    func vanilla() throws {
        let verifier = SigV4Verifier(credentials: ["AKIDEXAMPLE": Self.secret])
        let signature = verifier.signature(
            request: request(signature: ""), signedHeaders: ["host", "x-amz-date"], scope: Self.scope,
            amzDate: "20150830T123600Z", secret: Self.secret)
        #expect(signature == Self.vanillaSignature)
        try verifier.verify(request(signature: Self.vanillaSignature), now: Self.requestTime)
    }

    @Test("refuses a wrong signature, an unknown key, a stale date and a missing header")
    func refusals() {
        let verifier = SigV4Verifier(credentials: ["AKIDEXAMPLE": Self.secret])
        #expect(throws: AWSError.self) { try verifier.verify(request(signature: String(repeating: "0", count: 64)), now: Self.requestTime) }
        do {
            try verifier.verify(request(signature: String(repeating: "0", count: 64)), now: Self.requestTime)
        } catch {
            #expect(error.type == "InvalidSignatureException")
        }
        do {
            try verifier.verify(request(signature: Self.vanillaSignature, key: "AKIDOTHER"), now: Self.requestTime)
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.type == "UnrecognizedClientException")
        }
        do {
            try verifier.verify(request(signature: Self.vanillaSignature), now: Self.requestTime.addingTimeInterval(3600))
            Issue.record("a stale request was accepted")
        } catch {
            #expect(error.type == "InvalidSignatureException")
            #expect(error.message.hasPrefix("Signature expired"))
        }
        do {
            try verifier.verify(SigV4Verifier.Request(method: "POST", path: "/", query: "", headers: [], body: []))
            Issue.record("an unsigned request was accepted")
        } catch {
            #expect(error.type == "UnrecognizedClientException")
        }
    }
}
