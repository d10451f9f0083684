"""Parallel appends to one school's chain (issue 12 item 4, JOUR-7).

Real transactions: each thread has its own connection (not the test's cursor), appends and
commits, as teachers' sessions saving marks at once do. Afterwards the chain verifies, the
numbers are gapless and nothing is lost. What the threads committed is removed at the end.
"""

import shutil
import tempfile
import threading
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

THREADS = 10
APPENDS = 3
MARKER = "test.chain.concurrency"


@tagged("post_install", "-at_install")
class TestChainConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        # the head files its commits write go to a second medium of its own, removed with the
        # entries: the test database's own second medium keeps the heads of its own chains
        second_dir = tempfile.mkdtemp(prefix="ej_chain_concurrency_")
        self.addCleanup(shutil.rmtree, second_dir, ignore_errors=True)
        self.startPatcher(patch.dict(config.options, {"school_archive_second_dir": second_dir}))

    def _env(self, cr):
        # the registry is given: the test runner holds the lock of Registry() meanwhile
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _committed(self, function):
        """Run ``function(env)`` in a transaction of its own and commit it."""
        with db_connect(self.env.cr.dbname).cursor() as cr:
            result = function(self._env(cr))
            cr.commit()  # pylint: disable=invalid-commit
            return result

    def _cleanup(self, company_id):
        def delete(env):
            env.cr.execute("DELETE FROM school_journal_log WHERE model = %s", [MARKER])
            env.cr.execute(
                "DELETE FROM school_chain_anchor WHERE company_id = %s AND chain = 'school.journal.log'",
                [company_id],
            )

        self._committed(delete)

    def test_parallel_appends(self):
        company_id = self._committed(lambda env: env.ref("base.main_company").id)
        self.addCleanup(self._cleanup, company_id)
        start = self._committed(lambda env: env["school.journal.log"]._chain_head(company_id)[0])
        barrier = threading.Barrier(THREADS)
        errors = []

        def worker(number):
            try:
                with db_connect(self.env.cr.dbname).cursor() as cr:
                    env = self._env(cr)
                    Log = env["school.journal.log"]
                    # a snapshot taken before the others commit: the situation of issue 12
                    cr.execute("SELECT count(*) FROM school_journal_log")
                    barrier.wait(timeout=60)
                    for index in range(APPENDS):
                        Log._append(
                            [
                                {
                                    "model": MARKER,
                                    "res_id": number * 100 + index,
                                    "action": "create",
                                    "new_value": f"thread {number}, entry {index}",
                                    "company_id": company_id,
                                }
                            ]
                        )
                        cr.commit()  # pylint: disable=invalid-commit
                        cr.execute("SELECT count(*) FROM school_journal_log")
            except Exception as error:  # noqa: BLE001 reported by the assertion below
                errors.append(repr(error))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(errors)

        def check(env):
            env.cr.execute(
                "SELECT sequence, res_id FROM school_journal_log WHERE company_id = %s AND sequence > %s "
                "ORDER BY sequence",
                [company_id, start],
            )
            rows = env.cr.fetchall()
            return rows, env["school.journal.log"]._verify_company(company_id)

        rows, result = self._committed(check)
        self.assertEqual(
            [sequence for sequence, _res in rows], list(range(start + 1, start + 1 + THREADS * APPENDS))
        )
        self.assertEqual(
            sorted(res_id for _seq, res_id in rows),
            sorted(n * 100 + i for n in range(THREADS) for i in range(APPENDS)),
            "nothing lost",
        )
        self.assertEqual(result["findings"], [])
        self.assertEqual(result["last"], start + THREADS * APPENDS)
