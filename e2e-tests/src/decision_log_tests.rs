//! The decision log deployed from its real bundle: writers, paging, chain verification,
//! events, and the weight of `append` as the log grows.

use crate::harness::{account, CallError, Chain};
use agora_types::{
    account_payload, kinds_payload, verify_hashed_chain, verify_writers, AdminError, Hash32,
    HashedEntry, KindSet, LogError, LogKind, ProposalId, Subject, WriterError, WriterFault,
    EXTERNAL_KINDS, GENESIS_HASH, HUB_KINDS, MAX_LOG_PAGE, MAX_LOG_PAGE_ENCODED_LEN, REVIEW_KINDS,
    VOTING_KINDS,
};
use drink::sandbox_api::system_api::SystemAPI;
use ink::primitives::AccountId;
use scale::Encode;

#[drink::contract_bundle_provider]
pub enum BundleProvider {}

/// `decision_log::MAX_PAGE` (the bundle's page bound).
const MAX_PAGE: u32 = MAX_LOG_PAGE;

type Page = Result<Vec<HashedEntry>, LogError>;
type Appended = Result<(u64, Hash32), LogError>;

/// Deploys a log administered by Alice.
fn deploy(chain: &mut Chain) -> AccountId {
    let bundle = BundleProvider::DecisionLog
        .bundle()
        .expect("decision_log bundle");
    chain.deploy(&bundle, "new", (), Chain::alice(), &[])
}

/// Every kind a suite contract writes (these tests' writers hold them all).
const SUITE_KINDS: KindSet = KindSet(HUB_KINDS.0 | REVIEW_KINDS.0 | VOTING_KINDS.0);

/// Deploys a log and authorizes (and funds) each of `writers` for the suite's kinds.
fn deploy_with_writers(chain: &mut Chain, writers: &[AccountId]) -> AccountId {
    let log = deploy(chain);
    for &writer in writers {
        chain.fund(writer);
        assert_eq!(
            authorize(chain, log, Chain::alice(), writer, SUITE_KINDS),
            Ok(())
        );
    }
    log
}

fn authorize(
    chain: &mut Chain,
    log: AccountId,
    caller: AccountId,
    writer: AccountId,
    kinds: KindSet,
) -> Result<(), LogError> {
    chain
        .call(
            log,
            caller,
            "DecisionLog::authorize_writer",
            (writer, kinds),
        )
        .expect("authorize_writer dispatches")
}

fn revoke(
    chain: &mut Chain,
    log: AccountId,
    caller: AccountId,
    writer: AccountId,
) -> Result<(), LogError> {
    chain
        .call(log, caller, "DecisionLog::revoke_writer", writer)
        .expect("revoke_writer dispatches")
}

/// Appends an entry about proposal `subject` (the suite for 0), with the writer as actor.
fn append(
    chain: &mut Chain,
    log: AccountId,
    writer: AccountId,
    kind: LogKind,
    subject: ProposalId,
    payload_hash: Hash32,
) -> Appended {
    append_about(
        chain,
        log,
        writer,
        kind,
        Subject::of_proposal(subject),
        payload_hash,
    )
}

fn append_about(
    chain: &mut Chain,
    log: AccountId,
    writer: AccountId,
    kind: LogKind,
    subject: Subject,
    payload_hash: Hash32,
) -> Appended {
    chain
        .call(
            log,
            writer,
            "DecisionLog::append",
            (kind, subject, writer, payload_hash),
        )
        .expect("append dispatches")
}

fn head(chain: &mut Chain, log: AccountId) -> (u64, Hash32) {
    chain.query(log, "DecisionLog::head", ())
}

fn is_writer(chain: &mut Chain, log: AccountId, who: AccountId) -> bool {
    chain.query(log, "DecisionLog::is_writer", who)
}

/// Every entry, read back a page of at most `MAX_PAGE` at a time.
fn read_all(chain: &mut Chain, log: AccountId) -> Vec<HashedEntry> {
    let (len, _) = head(chain, log);
    let mut all = Vec::new();
    while (all.len() as u64) < len {
        let page: Page = chain.query(log, "entries", (all.len() as u64, MAX_PAGE));
        let page = page.expect("page within the bound");
        assert!(!page.is_empty(), "no progress at {}", all.len());
        all.extend(page);
    }
    all
}

/// Every entry about `subject`, read back `limit` at a time through `entries_for`.
fn read_subject(
    chain: &mut Chain,
    log: AccountId,
    subject: Subject,
    limit: u32,
) -> Vec<HashedEntry> {
    let count: u64 = chain.query(log, "subject_len", subject);
    let mut all = Vec::new();
    while (all.len() as u64) < count {
        let page: Page = chain.query(log, "entries_for", (subject, all.len() as u64, limit));
        all.extend(page.expect("page within the bound"));
    }
    all
}

#[test]
fn thousand_entries_from_two_writers_page_back_and_verify() {
    // Given a log with two writers
    let mut chain = Chain::new();
    let (hub, voting) = (account(2), account(3));
    let log = deploy_with_writers(&mut chain, &[hub, voting]);

    // When they append 1 000 entries in turn over several blocks
    let mut returned = Vec::new();
    for i in 0..1_000u32 {
        if i % 50 == 0 {
            chain.advance(1);
        }
        let writer = if i % 2 == 0 { hub } else { voting };
        let kind = if i % 2 == 0 {
            LogKind::ProposalSubmitted
        } else {
            LogKind::BallotClosed
        };
        let payload = agora_types::blake2_256(&i.encode());
        let appended = append(&mut chain, log, writer, kind, 1 + i % 13, payload);
        returned.push(appended.expect("a writer appends"));
    }

    // Then paging them back yields 1 002 entries (two writer authorizations first), every
    // page but the last full, and the whole chain verifies against the head.
    let (len, head_hash) = head(&mut chain, log);
    assert_eq!(len, 1_002);
    let all = read_all(&mut chain, log);
    assert_eq!(all.len(), 1_002);
    assert_eq!(verify_hashed_chain(&all, Some((len, head_hash))), Ok(()));
    assert_eq!(all.last().map(|e| e.hash), Some(head_hash));

    // Each append returned the index and hash the log stored.
    for (k, (index, hash)) in returned.iter().enumerate() {
        assert_eq!(*index, k as u64 + 2);
        assert_eq!(all[*index as usize].hash, *hash);
        let expected_actor = if k % 2 == 0 { hub } else { voting };
        assert_eq!(all[*index as usize].entry.actor, expected_actor);
        // The log records who appended each entry.
        assert_eq!(all[*index as usize].entry.writer, expected_actor);
    }
    assert_eq!(all[0].entry.kind, LogKind::WriterAuthorized);
    assert_eq!(all[0].entry.actor, hub);
    assert_eq!(all[0].entry.writer, Chain::alice());
    assert_eq!(all[0].entry.payload_hash, kinds_payload(SUITE_KINDS));
    assert_eq!(verify_writers(&all), Ok(()));
    assert_eq!(all[0].entry.prev_hash, GENESIS_HASH);
    assert!(all.windows(2).all(|w| w[0].entry.block <= w[1].entry.block));

    // `entry(i)` agrees with the pages.
    let one: Result<HashedEntry, LogError> = chain.query(log, "entry", 500u64);
    assert_eq!(one.as_ref(), Ok(&all[500]));
    let past: Result<HashedEntry, LogError> = chain.query(log, "entry", len);
    assert_eq!(past, Err(LogError::OutOfRange));

    // A tampered copy does not verify, and the altered entry is named.
    let mut tampered = all.clone();
    tampered[777].entry.subject = Subject::Proposal(999);
    let error = verify_hashed_chain(&tampered, Some((len, head_hash))).expect_err("detected");
    assert_eq!(error.index, 777);
}

#[test]
fn a_full_page_of_the_largest_entries_is_returned_within_the_static_buffer() {
    // Given more than a page of the largest entries: an external writer's kind (3 bytes)
    // about a member (33 bytes)
    let mut chain = Chain::new();
    let writer = account(2);
    let log = deploy(&mut chain);
    chain.fund(writer);
    assert_eq!(
        authorize(&mut chain, log, Chain::alice(), writer, EXTERNAL_KINDS),
        Ok(())
    );
    let subject = Subject::Member(AccountId::from([0xFF; 32]));
    for _ in 0..=MAX_PAGE {
        append_about(
            &mut chain,
            log,
            writer,
            LogKind::External(u16::MAX),
            subject,
            [0xFF; 32],
        )
        .expect("appended");
    }

    // When a full page is read, through both paging messages
    let page: Page = chain.query(log, "entries", (1u64, MAX_PAGE));
    // (The subject's first entry is log entry 1: entry 0 authorized the writer.)
    let for_subject: Page = chain.query(log, "entries_for", (subject, 0u64, MAX_PAGE));

    // Then each holds MAX_PAGE entries, and the encoded page is the documented size.
    let page = page.expect("full page");
    assert_eq!(page.len(), MAX_PAGE as usize);
    assert_eq!(for_subject.as_ref().map(Vec::len), Ok(MAX_PAGE as usize));
    assert!(
        for_subject.as_ref() == Ok(&page),
        "entries_for and entries disagree"
    );
    let wire = Ok::<_, ink::LangError>(Ok::<_, LogError>(page)).encode();
    assert_eq!(wire.len(), MAX_LOG_PAGE_ENCODED_LEN);
    assert!(wire.len() <= 16 * 1024);

    // And one more than a page is refused.
    let over: Page = chain.query(log, "entries", (0u64, MAX_PAGE + 1));
    assert_eq!(over, Err(LogError::LimitTooLarge));
    let over: Page = chain.query(log, "entries_for", (subject, 0u64, MAX_PAGE + 1));
    assert_eq!(over, Err(LogError::LimitTooLarge));
}

#[test]
fn append_by_unauthorized_account_is_rejected() {
    let mut chain = Chain::new();
    let (writer, stranger) = (account(2), account(9));
    let log = deploy_with_writers(&mut chain, &[writer]);
    chain.fund(stranger);
    let before = head(&mut chain, log);

    let refused = append(
        &mut chain,
        log,
        stranger,
        LogKind::ProposalExecuted,
        1,
        [1; 32],
    );
    assert_eq!(refused, Err(LogError::NotWriter));
    // Not even the admin appends without being a writer.
    let refused = append(
        &mut chain,
        log,
        Chain::alice(),
        LogKind::ProposalExecuted,
        1,
        [1; 32],
    );
    assert_eq!(refused, Err(LogError::NotWriter));
    // Nor does a writer forge the log's own records.
    for kind in [
        LogKind::WriterAuthorized,
        LogKind::WriterRevoked,
        LogKind::AdminTransferred,
    ] {
        let refused = append(&mut chain, log, writer, kind, 0, kinds_payload(SUITE_KINDS));
        assert_eq!(refused, Err(LogError::ReservedKind));
    }

    assert_eq!(head(&mut chain, log), before);
    assert!(!is_writer(&mut chain, log, stranger));
}

#[test]
fn append_by_revoked_writer_is_rejected() {
    // Given a writer that appended once and was then revoked
    let mut chain = Chain::new();
    let writer = account(2);
    let log = deploy_with_writers(&mut chain, &[writer]);
    let (index, hash) = append(
        &mut chain,
        log,
        writer,
        LogKind::ProposalSubmitted,
        4,
        [4; 32],
    )
    .expect("appended while a writer");
    assert_eq!(revoke(&mut chain, log, Chain::alice(), writer), Ok(()));
    assert!(!is_writer(&mut chain, log, writer));
    let before = head(&mut chain, log);

    // When it appends again, it is refused and nothing changes
    let refused = append(
        &mut chain,
        log,
        writer,
        LogKind::ProposalSubmitted,
        4,
        [5; 32],
    );
    assert_eq!(refused, Err(LogError::NotWriter));
    assert_eq!(head(&mut chain, log), before);

    // And its earlier entry and the revocation stay in the chain.
    let all = read_all(&mut chain, log);
    assert_eq!(all[index as usize].hash, hash);
    let last = all.last().expect("revocation logged");
    assert_eq!(last.entry.kind, LogKind::WriterRevoked);
    assert_eq!(last.entry.actor, writer);
    assert_eq!(last.entry.writer, Chain::alice());
    assert_eq!(verify_writers(&all), Ok(()));
    assert_eq!(verify_hashed_chain(&all, Some(before)), Ok(()));

    // Revoking twice is an error of its own.
    assert_eq!(
        revoke(&mut chain, log, Chain::alice(), writer),
        Err(LogError::UnknownWriter)
    );
}

#[test]
fn previous_admin_is_rejected_after_transfer() {
    // Given the deployer handed the admin role to the hub
    let mut chain = Chain::new();
    let (hub, writer, other) = (account(7), account(2), account(3));
    let log = deploy_with_writers(&mut chain, &[writer]);
    chain.fund(hub);
    let moved: Result<(), AdminError> = chain
        .call(log, Chain::alice(), "Governed::transfer_admin", hub)
        .expect("dispatch");
    assert_eq!(moved, Ok(()));
    let accepted: Result<(), AdminError> = chain
        .call(log, hub, "Governed::accept_admin", ())
        .expect("dispatch");
    assert_eq!(accepted, Ok(()));
    let admin: AccountId = chain.query(log, "Governed::admin", ());
    assert_eq!(admin, hub);
    let before = head(&mut chain, log);

    // Then the deployer can no longer change writers or the admin
    assert_eq!(
        authorize(&mut chain, log, Chain::alice(), other, EXTERNAL_KINDS),
        Err(LogError::NotAdmin)
    );
    assert_eq!(
        revoke(&mut chain, log, Chain::alice(), writer),
        Err(LogError::NotAdmin)
    );
    let again: Result<(), AdminError> = chain
        .call(
            log,
            Chain::alice(),
            "Governed::transfer_admin",
            Chain::alice(),
        )
        .expect("dispatch");
    assert_eq!(again, Err(AdminError::NotAdmin));
    assert_eq!(head(&mut chain, log), before);
    assert!(is_writer(&mut chain, log, writer));

    // While the hub can, and the handover is in the chain.
    assert_eq!(
        authorize(&mut chain, log, hub, other, EXTERNAL_KINDS),
        Ok(())
    );
    let all = read_all(&mut chain, log);
    let handover = &all[before.0 as usize - 1].entry;
    assert_eq!(handover.kind, LogKind::AdminTransferred);
    assert_eq!(handover.actor, Chain::alice());
    assert_eq!(handover.writer, hub);
    assert_eq!(handover.payload_hash, account_payload(&hub));
    assert_eq!(all.last().map(|e| e.entry.writer), Some(hub));
    assert_eq!(all.last().map(|e| e.entry.actor), Some(other));
    assert_eq!(verify_writers(&all), Ok(()));
    assert_eq!(
        verify_hashed_chain(&all, Some(head(&mut chain, log))),
        Ok(())
    );
}

#[test]
fn entries_for_pages_per_subject() {
    // Given entries about three proposals, interleaved
    let mut chain = Chain::new();
    let (hub, review) = (account(2), account(4));
    let log = deploy_with_writers(&mut chain, &[hub, review]);
    for i in 0..150u32 {
        let writer = if i % 3 == 0 { review } else { hub };
        append(
            &mut chain,
            log,
            writer,
            LogKind::ReviewRoundOpened,
            10 + i % 3,
            [i as u8; 32],
        )
        .expect("appended");
    }

    // When one subject is paged back in small pages
    let subject_11 = read_subject(&mut chain, log, Subject::Proposal(11), 7);

    // Then it holds exactly that subject's entries, in log order
    assert_eq!(subject_11.len(), 50);
    assert!(subject_11
        .iter()
        .all(|e| e.entry.subject == Subject::Proposal(11)));
    let indices: Vec<u64> = subject_11.iter().map(|e| e.entry.index).collect();
    let expected: Vec<u64> = (0..150u64).filter(|i| i % 3 == 1).map(|i| i + 2).collect();
    assert_eq!(indices, expected);

    // And they are the same entries, with the same hashes, as the full log holds.
    let all = read_all(&mut chain, log);
    for e in &subject_11 {
        assert_eq!(&all[e.entry.index as usize], e);
    }
    // The writer authorizations are about the suite.
    let none = read_subject(&mut chain, log, Subject::Suite, MAX_PAGE);
    assert_eq!(
        none.iter().map(|e| e.entry.kind).collect::<Vec<_>>(),
        vec![LogKind::WriterAuthorized; 2]
    );
    let unknown: Page = chain.query(log, "entries_for", (Subject::Proposal(99), 0u64, MAX_PAGE));
    assert_eq!(unknown, Ok(Vec::new()));
    let past_end: Page = chain.query(log, "entries_for", (Subject::Proposal(11), 50u64, MAX_PAGE));
    assert_eq!(past_end, Ok(Vec::new()));
}

#[test]
fn append_emits_an_event_with_kind_and_subject_topics() {
    let mut chain = Chain::new();
    let writer = account(2);
    let log = deploy_with_writers(&mut chain, &[writer]);
    chain.sandbox.reset_events();

    let (index, hash) = append(
        &mut chain,
        log,
        writer,
        LogKind::ProposalVetoed,
        31,
        [6; 32],
    )
    .expect("appended");

    let emitted: Vec<_> = chain
        .sandbox
        .events()
        .into_iter()
        .filter(|record| {
            matches!(
                &record.event,
                drink::minimal::RuntimeEvent::Contracts(
                    drink::pallet_contracts::Event::ContractEmitted { .. }
                )
            )
        })
        .collect();
    assert_eq!(emitted.len(), 1, "one event per append");
    let topics: Vec<[u8; 32]> = emitted[0].topics.iter().map(|t| t.0).collect();
    let padded = |bytes: Vec<u8>| {
        let mut topic = [0u8; 32];
        topic[..bytes.len()].copy_from_slice(&bytes);
        topic
    };
    // Signature topic, then kind and subject.
    assert_eq!(topics.len(), 3);
    assert_eq!(topics[1], padded(LogKind::ProposalVetoed.encode()));
    assert_eq!(topics[2], padded(Subject::Proposal(31).encode()));
    // The data carries the index and the new head.
    let drink::minimal::RuntimeEvent::Contracts(drink::pallet_contracts::Event::ContractEmitted {
        data,
        ..
    }) = &emitted[0].event
    else {
        unreachable!("filtered above")
    };
    // ink! 5 encodes the whole event, topic fields included, in field order.
    let mut expected = LogKind::ProposalVetoed.encode();
    expected.extend(Subject::Proposal(31).encode());
    expected.extend(index.encode());
    expected.extend(writer.encode());
    expected.extend(writer.encode());
    expected.extend([6u8; 32]);
    expected.extend(hash);
    assert_eq!(data, &expected);
}

#[test]
fn a_writer_appends_only_the_kinds_it_was_authorized_for() {
    // Given a voting contract, and an outside writer added for external kinds
    let mut chain = Chain::new();
    let (voting, outsider) = (account(3), account(8));
    let log = deploy(&mut chain);
    for (writer, kinds) in [(voting, VOTING_KINDS), (outsider, EXTERNAL_KINDS)] {
        chain.fund(writer);
        assert_eq!(
            authorize(&mut chain, log, Chain::alice(), writer, kinds),
            Ok(())
        );
    }
    let before = head(&mut chain, log);

    // When either appends a kind outside its set, a fake execution or bootstrap among them
    for (writer, kind) in [
        (outsider, LogKind::ProposalExecuted),
        (outsider, LogKind::BootstrapCompleted),
        (outsider, LogKind::BallotClosed),
        (voting, LogKind::ProposalExecuted),
        (voting, LogKind::External(1)),
    ] {
        // Then it is refused with KindNotAllowed and nothing is written
        assert_eq!(
            append(&mut chain, log, writer, kind, 1, [1; 32]),
            Err(LogError::KindNotAllowed),
            "{kind:?}"
        );
    }
    assert_eq!(head(&mut chain, log), before);

    // While each writes its own kinds, and the chain names who wrote what
    append(&mut chain, log, voting, LogKind::BallotOpened, 1, [2; 32]).expect("voting's kind");
    append_about(
        &mut chain,
        log,
        outsider,
        LogKind::External(9),
        Subject::Mandate(4),
        [3; 32],
    )
    .expect("external kind");
    let all = read_all(&mut chain, log);
    assert_eq!(all[2].entry.writer, voting);
    assert_eq!(all[3].entry.writer, outsider);
    assert_eq!(all[3].entry.kind, LogKind::External(9));
    let kinds: Option<KindSet> = chain.query(log, "DecisionLog::writer_kinds", outsider);
    assert_eq!(kinds, Some(EXTERNAL_KINDS));
    let version: u16 = chain.query(log, "DecisionLog::format_version", ());
    assert_eq!(version, agora_types::LOG_FORMAT_VERSION);
    assert_eq!(verify_writers(&all), Ok(()));

    // And a copy that claims the outsider wrote a suite kind fails the writers' check.
    let mut forged = all.clone();
    forged[3].entry.kind = LogKind::ProposalExecuted;
    assert_eq!(
        verify_writers(&forged),
        Err(WriterError {
            index: 3,
            fault: WriterFault::KindNotAllowed
        })
    );
}

#[test]
fn a_writer_set_that_is_empty_or_holds_the_logs_own_kinds_is_refused() {
    let mut chain = Chain::new();
    let writer = account(2);
    let log = deploy(&mut chain);
    let before = head(&mut chain, log);
    for kinds in [
        KindSet::EMPTY,
        KindSet(1 << 30),
        KindSet::of(&[LogKind::AdminTransferred]),
        KindSet(HUB_KINDS.0 | KindSet::of(&[LogKind::WriterAuthorized]).0),
    ] {
        assert_eq!(
            authorize(&mut chain, log, Chain::alice(), writer, kinds),
            Err(LogError::InvalidKinds)
        );
    }
    assert_eq!(head(&mut chain, log), before);
    assert!(!is_writer(&mut chain, log, writer));
}

#[test]
fn there_is_no_message_to_change_entries_or_code() {
    let mut chain = Chain::new();
    let log = deploy(&mut chain);
    for label in [
        "set_code_hash",
        "update",
        "delete",
        "remove",
        "truncate",
        "set_entry",
    ] {
        let result = chain.call::<_, ()>(log, Chain::alice(), label, (0u64,));
        assert!(
            matches!(result, Err(CallError::Lang(_))),
            "{label}: {result:?}"
        );
    }
}

/// Weight of `append` at log length 1 and 10 000 in one session; prints the figures and
/// their ratio (target ≤ 1.05). Run with
/// `cargo test decision_log_tests::bench_append_weight -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark: fills the log with 10 000 entries"]
fn bench_append_weight() {
    const FILL_TO: u64 = 10_000;
    let mut chain = Chain::new();
    let writer = account(2);
    let log = deploy_with_writers(&mut chain, &[writer]);
    chain.advance(1);

    let measure = |chain: &mut Chain| {
        let (len, _) = head(chain, log);
        let metered = chain.call_metered::<_, Appended>(
            log,
            writer,
            "DecisionLog::append",
            (
                LogKind::BallotClosed,
                Subject::Proposal(42),
                writer,
                [0xAB; 32],
            ),
        );
        metered.value.expect("dispatch").expect("appended");
        println!(
            "BENCH decision_log.append len={len} ref_time={} proof_size={}",
            metered.weight.ref_time(),
            metered.weight.proof_size()
        );
        (len, metered.weight)
    };

    let (len, small) = measure(&mut chain);
    assert_eq!(len, 1, "the writer authorization is entry 0");
    // Entries 0 and 1 exist; append up to FILL_TO entries.
    for i in 2..FILL_TO {
        if i % 500 == 0 {
            chain.advance(1);
        }
        let payload = agora_types::blake2_256(&i.encode());
        append(
            &mut chain,
            log,
            writer,
            LogKind::ProposalSubmitted,
            1 + (i % 100) as u32,
            payload,
        )
        .expect("appended");
    }
    let (len, large) = measure(&mut chain);
    assert_eq!(len, FILL_TO);

    let ratio_ref_time = large.ref_time() as f64 / small.ref_time() as f64;
    let ratio_proof_size = large.proof_size() as f64 / small.proof_size() as f64;
    println!(
        "BENCH decision_log.append ratio_ref_time={ratio_ref_time:.4} ratio_proof_size={ratio_proof_size:.4} target<=1.05"
    );
    assert!(ratio_ref_time <= 1.05 && ratio_proof_size <= 1.05);
}
