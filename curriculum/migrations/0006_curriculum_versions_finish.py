# Versioned curricula (issue 16), step 3 of 3: content belongs to versions only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0005_curriculum_versions_data'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='module',
            name='module_order_unique',
        ),
        migrations.RemoveConstraint(
            model_name='assessment',
            name='assessment_one_pre_post_per_curriculum',
        ),
        migrations.AlterModelOptions(
            name='module',
            options={'ordering': ['version', 'order']},
        ),
        migrations.AlterModelOptions(
            name='assessment',
            options={'ordering': ['version', 'module__order', 'kind']},
        ),
        migrations.RemoveField(
            model_name='module',
            name='curriculum',
        ),
        migrations.RemoveField(
            model_name='assessment',
            name='curriculum',
        ),
        migrations.AlterField(
            model_name='module',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='modules', to='curriculum.curriculumversion'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='curriculum.curriculumversion'),
        ),
        migrations.AlterField(
            model_name='enrollment',
            name='version',
            field=models.ForeignKey(help_text='The version of the curriculum this enrollment is taken on.', on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to='curriculum.curriculumversion'),
        ),
        migrations.AlterField(
            model_name='module',
            name='estimated_minutes',
            field=models.PositiveSmallIntegerField(default=30, help_text='Set on publishing: its lessons and its knowledge check.', verbose_name='estimated minutes'),
        ),
        migrations.RemoveConstraint(
            model_name='curriculum',
            name='curriculum_credit_hours_positive',
        ),
        migrations.AlterField(
            model_name='curriculum',
            name='credit_hours',
            field=models.DecimalField(blank=True, decimal_places=1, help_text='Those of the current version; empty until a version is published.', max_digits=5, null=True, verbose_name='credit hours'),
        ),
        migrations.AddConstraint(
            model_name='curriculum',
            constraint=models.CheckConstraint(condition=models.Q(('credit_hours__isnull', True), ('credit_hours__gt', 0), _connector='OR'), name='curriculum_credit_hours_positive'),
        ),
        migrations.AddConstraint(
            model_name='curriculum',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('current_version__isnull', False), _connector='OR'), name='curriculum_published_has_version'),
        ),
        migrations.AddConstraint(
            model_name='module',
            constraint=models.UniqueConstraint(fields=('version', 'order'), name='module_order_unique'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.UniqueConstraint(condition=models.Q(('kind__in', ['pre_test', 'post_test'])), fields=('version', 'kind'), name='assessment_one_pre_post_per_version'),
        ),
    ]
