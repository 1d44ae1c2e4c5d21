// An independent Open Badges 3.0 verifier for the tests (Digital Bazaar's vc library, the
// eddsa-rdfc-2022 Data Integrity cryptosuite and Bitstring Status List checking).
// Reads {"credential": ..., "documents": {url: document}} on stdin; the documents are what a
// verifier would fetch (contexts, the issuer's profile with its keys, the status list).
// Prints {"verified", "proofVerified", "statusVerified", "revoked", "errors"}.
import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const input = JSON.parse(fs.readFileSync(0, 'utf8'));

async function documentLoader(url) {
  const [base] = url.split('#');
  const document = input.documents[base];
  if(!document) {
    throw new Error(`not available to the verifier: ${url}`);
  }
  if(url !== base) {
    // A verification method: the key object inside the issuer's profile.
    const method = (document.assertionMethod || []).find(m => m.id === url);
    if(!method) {
      throw new Error(`no verification method ${url}`);
    }
    return {
      contextUrl: null, documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}
    };
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite});
const result = await vc.verifyCredential({
  credential: input.credential, suite, documentLoader, checkStatus
});
const errors = [result.error, ...(result.error?.errors || [])]
  .filter(Boolean).map(e => (e.message || String(e)) + (e.details && e.details.event ? ' ' + JSON.stringify(e.details.event.details || e.details.event) : ''));
// The status list library reports a checked status as verified, with `status` the bit:
// true for a revoked credential (statusPurpose "revocation").
const statuses = result.statusResult?.results || [];
const revoked = statuses.some(r => r.status === true);
console.log(JSON.stringify({
  verified: result.verified && !revoked,
  proofVerified: (result.results || []).every(r => r.verified) && result.results?.length > 0,
  statusVerified: result.statusResult ? result.statusResult.verified : null,
  revoked,
  errors
}));
